/** Small DOM helpers. Text only ever goes in through textContent: nothing is parsed as HTML. */

const PREFIX = 'kfq';

/** The widget's class (and id) names all start with kfq-, so the host page's names never meet ours. */
export function cls(name: string): string {
  return `${PREFIX}-${name}`;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string | null,
  text?: string | null,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

export function button(className: string, text?: string): HTMLButtonElement {
  const node = el('button', className, text);
  node.type = 'button';
  return node;
}

/** Read by screen readers only. */
export function srOnly(text: string): HTMLSpanElement {
  return el('span', cls('sr'), text);
}

/** A decorative icon: screen readers skip it, the text beside it says the same. */
export function icon(iconClass: string, iconText: string): HTMLSpanElement {
  const node = el('span', `${cls('icon')} ${iconClass}`, iconText);
  node.setAttribute('aria-hidden', 'true');
  return node;
}

export function removeChildren(node: Node): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}

export function append(parent: Node, ...children: Node[]): void {
  for (const child of children) parent.appendChild(child);
}
