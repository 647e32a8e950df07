const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'

/** Moves focus to the first control after `container` in the page's order, as Tab would from its end. */
export function focusNext(container: HTMLElement): void {
  const next = [...document.querySelectorAll<HTMLElement>(FOCUSABLE)].find(
    (element) =>
      !container.contains(element) &&
      container.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING &&
      element.getClientRects().length > 0,
  )
  if (next) next.focus()
  else (document.activeElement as HTMLElement | null)?.blur()
}
