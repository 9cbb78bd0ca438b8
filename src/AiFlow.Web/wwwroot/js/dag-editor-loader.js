// Fetches the DAG editor island (dist/dag-editor.js and .css, React Flow, ~460 kB) the first time a page draws a DAG,
// instead of on every page. App.razor names the fingerprinted URLs on this script's tag; DagCanvas awaits load()
// before it calls window.aiflowDagEditor.
(() => {
  const urls = document.currentScript.dataset;
  let loading = null;

  const add = (element) => new Promise((resolve, reject) => {
    element.onload = () => resolve();
    element.onerror = () => reject(new Error(`Could not load ${element.src || element.href}`));
    document.head.appendChild(element);
  });

  window.aiflowDagLoader = {
    load() {
      loading ??= Promise.all([
        add(Object.assign(document.createElement('link'), { rel: 'stylesheet', href: urls.style })),
        add(Object.assign(document.createElement('script'), { src: urls.script })),
      ]).catch((error) => {
        loading = null; // a later page may try again
        throw error;
      });
      return loading;
    },
  };
})();
