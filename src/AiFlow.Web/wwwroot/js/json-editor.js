// The JsonCodeEditor component's side of Monaco (the copy shipped in the BlazorMonaco package): creates and disposes
// editors, reports edits after a pause (one round trip per pause instead of per key) and shows errors as markers.
// Monaco's AMD loader reads this configuration when loader.js runs, so this file comes before it. editor.main (~3 MB)
// is not on every page: whenReady() asks the loader for it the first time an editor is created.
var require = { paths: { vs: '_content/BlazorMonaco/lib/monaco-editor/min/vs' } };

window.aiflowJsonEditor = {
  editors: {},
  whenReady() {
    return new Promise((resolve) => {
      if (window.monaco && window.monaco.editor) resolve();
      else window.require(['vs/editor/editor.main'], () => resolve());
    });
  },
  async create(id, options, dotnet, debounceMs) {
    await this.whenReady();
    const element = document.getElementById(id);
    if (!element || this.editors[id]) return false;
    const editor = monaco.editor.create(element, options);
    const entry = { editor, timer: null };
    const send = () => {
      clearTimeout(entry.timer);
      entry.timer = null;
      dotnet.invokeMethodAsync('OnEditorChanged', editor.getValue()).catch(() => { });
    };
    entry.subscriptions = [
      editor.onDidChangeModelContent(() => { clearTimeout(entry.timer); entry.timer = setTimeout(send, debounceMs); }),
      // Leaving the editor (e.g. to click Save) reports what is pending at once.
      editor.onDidBlurEditorText(() => { if (entry.timer) send(); }),
    ];
    this.editors[id] = entry;
    return true;
  },
  dispose(id) {
    const entry = this.editors[id];
    if (!entry) return;
    clearTimeout(entry.timer);
    entry.subscriptions.forEach((s) => s.dispose());
    const model = entry.editor.getModel();
    entry.editor.dispose();
    if (model) model.dispose();
    delete this.editors[id];
  },
  setValue(id, value) { const e = this.editors[id]; if (e && e.editor.getValue() !== value) e.editor.setValue(value); },
  setReadOnly(id, readOnly) { const e = this.editors[id]; if (e) e.editor.updateOptions({ readOnly }); },
  setMarkers(id, markers) {
    const e = this.editors[id];
    const model = e && e.editor.getModel();
    if (!model) return;
    monaco.editor.setModelMarkers(model, 'aiflow', markers.map((m) => ({ ...m, severity: monaco.MarkerSeverity.Error })));
  },
  focus(id) { const e = this.editors[id]; if (e) e.editor.focus(); },
  getValue(id) { const e = this.editors[id]; return e ? e.editor.getValue() : null; }
};
