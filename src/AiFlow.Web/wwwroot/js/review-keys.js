// Keyboard-first review: one document-level keydown handler that forwards commands to the review panel.
// Shortcuts never fire while typing in an input, a textarea or the Monaco editor, except Ctrl+Enter (submit) and
// Escape (leave the field). The handler listens in the capture phase: Monaco handles keys on its own element and stops
// them there (Ctrl+Enter would insert a line), so a bubbling listener would never see them.
window.aiflowReview = {
  handler: null,
  attach(dotnet) {
    this.detach();
    this.handler = (e) => {
      const t = e.target;
      const inMonaco = !!(t && t.closest && t.closest('.monaco-editor'));
      const typing = inMonaco || (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable));
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        e.stopPropagation();
        dotnet.invokeMethodAsync('OnKey', 'submit');
        return;
      }
      if (typing) {
        // Escape first closes Monaco's own pop-ups (suggestions, find); with none open it leaves the editor.
        const popup = inMonaco && t.closest('.monaco-editor').querySelector('.suggest-widget.visible, .find-widget.visible');
        if (e.key === 'Escape' && !popup) t.blur();
        return;
      }
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const k = e.key;
      let command = null;
      // Shift+digit types "!", "@", ... depending on the layout: the physical key says which star.
      if (e.shiftKey && /^Digit[1-5]$/.test(e.code)) command = 'rating:' + e.code.slice(5);
      else if (/^[1-9]$/.test(k)) command = 'label:' + k;
      else if (k === 'c' || k === 'C') command = 'comment';
      else if (k === 'a' || k === 'A') command = 'approve';
      else if (k === 'r' || k === 'R') command = 'reject';
      else if (k === 'e' || k === 'E') command = 'edit';
      else if (k === 's' || k === 'S') command = 'skip';
      else if (k === 'ArrowLeft') command = 'previous';
      else if (k === 'ArrowRight') command = 'next';
      else if (k === '?') command = 'help';
      if (command) {
        e.preventDefault();
        dotnet.invokeMethodAsync('OnKey', command);
      }
    };
    document.addEventListener('keydown', this.handler, true);
  },
  detach() {
    if (this.handler) document.removeEventListener('keydown', this.handler, true);
    this.handler = null;
  },
  blur() { if (document.activeElement && document.activeElement.blur) document.activeElement.blur(); },
  focus(testId) { const el = document.querySelector('[data-testid="' + testId + '"]'); if (el) el.focus(); },
  saveDraft(key, value) { try { localStorage.setItem(key, value); } catch { } },
  loadDraft(key) { try { return localStorage.getItem(key); } catch { return null; } },
  clearDraft(key) { try { localStorage.removeItem(key); } catch { } },
  download(name, text) {
    const url = URL.createObjectURL(new Blob([text], { type: 'application/x-ndjson' }));
    const a = document.createElement('a');
    a.href = url; a.download = name; document.body.appendChild(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
};
