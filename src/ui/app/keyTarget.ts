/** Whether a key event's target is a form field (typing there must not trigger shortcuts). */
export function isFormField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/** A form field or the YAML editor: anywhere a key press is text, not a canvas shortcut. */
export function isTypingTarget(target: EventTarget | null): boolean {
  return isFormField(target) || (target instanceof HTMLElement && target.closest('.monaco-editor') !== null);
}
