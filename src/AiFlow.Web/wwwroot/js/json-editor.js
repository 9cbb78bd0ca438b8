// Glue for the JsonCodeEditor component over BlazorMonaco: waits for Monaco, reports edits after a pause (one round
// trip per pause instead of per key), and shows errors as markers.
window.aiflowJsonEditor = {
  watchers: {},
  whenReady() {
    return new Promise((resolve) => {
      if (window.monaco && window.monaco.editor) resolve();
      else require(['vs/editor/editor.main'], () => resolve());
    });
  },
  editor(id) { return window.blazorMonaco.editor.getEditor(id, true); },
  watch(id, dotnet, debounceMs) {
    const editor = this.editor(id);
    if (!editor) return;
    this.unwatch(id);
    const w = { timer: null };
    const send = () => {
      clearTimeout(w.timer);
      w.timer = null;
      dotnet.invokeMethodAsync('OnEditorChanged', editor.getValue()).catch(() => { });
    };
    w.subscriptions = [
      editor.onDidChangeModelContent(() => { clearTimeout(w.timer); w.timer = setTimeout(send, debounceMs); }),
      // Leaving the editor (e.g. to click Save) reports what is pending at once.
      editor.onDidBlurEditorText(() => { if (w.timer) send(); }),
    ];
    this.watchers[id] = w;
  },
  unwatch(id) {
    const w = this.watchers[id];
    if (!w) return;
    clearTimeout(w.timer);
    w.subscriptions.forEach((s) => s.dispose());
    delete this.watchers[id];
  },
  setMarkers(id, markers) {
    const editor = this.editor(id);
    const model = editor && editor.getModel();
    if (!model) return;
    monaco.editor.setModelMarkers(model, 'aiflow', markers.map((m) => ({ ...m, severity: monaco.MarkerSeverity.Error })));
  },
  focus(id) { const editor = this.editor(id); if (editor) editor.focus(); },
  getValue(id) { const editor = this.editor(id); return editor ? editor.getValue() : null; }
};
