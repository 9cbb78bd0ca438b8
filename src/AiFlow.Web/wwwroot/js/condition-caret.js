// The condition field's caret, so completion works wherever the caret is in a multi-line condition, not only at the
// end. The text goes with the caret: the field sends its value to the server after a debounce, and a caret is only
// meaningful in the text it was measured in.
export function watch(id, dotNet) {
  const el = document.getElementById(id);
  if (!el || el.dataset.caretWatched) return;
  el.dataset.caretWatched = 'yes';
  const report = () => dotNet.invokeMethodAsync('OnCaret', el.value, el.selectionStart ?? el.value.length);
  for (const type of ['keyup', 'click', 'input', 'focus']) el.addEventListener(type, report);
}

// After a completion: the caret just after the inserted path, in the field, so typing goes on from there.
export function place(id, caret) {
  const el = document.getElementById(id);
  if (!el) return;
  el.focus();
  el.setSelectionRange(caret, caret);
}
