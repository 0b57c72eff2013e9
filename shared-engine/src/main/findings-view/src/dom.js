// The only way this component creates DOM: elements with text nodes, attributes set one by one.
// Nothing here parses markup, so text from the report can never become an element.

/**
 * el('td', {className: 'sev', title: 'x'}, 'text', otherNode)
 * Attribute values are set with setAttribute; children are nodes or strings (as text nodes).
 */
export function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  if (attributes) {
    for (const [name, value] of Object.entries(attributes)) {
      if (value === null || value === undefined || value === false) continue;
      if (name === 'className') node.className = value;
      else node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(node, children);
  return node;
}

export function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return parent;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}
