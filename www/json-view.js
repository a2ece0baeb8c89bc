// JSON with positions, and the read-only "source view": the input pretty-printed with every value
// addressable by its JSON path (the paths paynorm reports: `$.data[3].created`, `$["created_at "]`).
// Scalars and keys are shown as their raw lexemes, so a number is never reformatted.

/** A JSON syntax error at a character offset (0-based) with its 1-based line and column. */
export class JsonSyntaxError extends Error {
  constructor(message, offset, text) {
    const before = text.slice(0, offset);
    const line = before.split("\n").length;
    const column = offset - before.lastIndexOf("\n");
    super(`${message} at line ${line} column ${column}`);
    Object.assign(this, { offset, line, column });
  }
}

/** Appends one key to a JSON path the way paynorm does (src/error.rs `push_key`). */
export function childKey(base, key) {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${base}.${key}` : `${base}["${key.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"]`;
}

/** Joins a base path and a relative table path (`latest_charge.fee`, `charges.data[0].x`). */
export function absolutePath(base, rel) {
  let out = base;
  for (const seg of rel.split(".")) {
    const m = /^(.*?)\[(\d+)\]$/.exec(seg);
    out = childKey(out, m ? m[1] : seg);
    if (m) out += `[${m[2]}]`;
  }
  return out;
}

/** The path one level up (`$.a[2]` -> `$.a`), or null for `$`. */
export function parentPath(path) {
  const m = /(\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\]|\["(?:[^"\\]|\\.)*"\])$/.exec(path);
  return m && m.index > 0 ? path.slice(0, m.index) : null;
}

/** Parses JSON text into a node tree with offsets: {type, start, end, raw?, entries?, items?}. */
export function parseJson(text) {
  let i = 0;
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i])) i++;
  };
  const fail = (msg) => {
    throw new JsonSyntaxError(msg, Math.min(i, text.length), text);
  };
  const string = () => {
    const start = i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === "\\") i++;
      else if (text.charCodeAt(i) < 0x20) fail("control character in string");
      i++;
    }
    if (i >= text.length) fail("EOF while parsing a string");
    i++;
    const raw = text.slice(start, i);
    let key;
    try {
      key = JSON.parse(raw);
    } catch {
      i = start;
      fail("invalid escape in string");
    }
    return { type: "string", start, end: i, raw, text: key };
  };
  const value = () => {
    ws();
    const start = i;
    const c = text[i];
    if (c === "{") {
      i++;
      const entries = [];
      ws();
      if (text[i] === "}") return { type: "object", start, end: ++i, entries };
      for (;;) {
        ws();
        if (text[i] !== '"') fail("expected a key");
        const key = string();
        ws();
        if (text[i] !== ":") fail("expected ':'");
        i++;
        entries.push({ key: key.text, keyRaw: key.raw, keyStart: key.start, value: value() });
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "}") return { type: "object", start, end: ++i, entries };
        else fail("expected ',' or '}'");
      }
    }
    if (c === "[") {
      i++;
      const items = [];
      ws();
      if (text[i] === "]") return { type: "array", start, end: ++i, items };
      for (;;) {
        items.push(value());
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "]") return { type: "array", start, end: ++i, items };
        else fail("expected ',' or ']'");
      }
    }
    if (c === '"') return string();
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!m) fail(i >= text.length ? "EOF while parsing a value" : "expected a value");
    i += m[0].length;
    const raw = m[0];
    return { type: /^[-\d]/.test(raw) ? "number" : raw === "null" ? "null" : "boolean", start, end: i, raw };
  };
  const root = value();
  ws();
  if (i < text.length) fail("trailing characters");
  return root;
}

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * Renders `root` (from parseJson) pretty-printed into `container`. Every value is a block with
 * `data-path` (an object member's block holds its key too). Returns Map(path -> {el, start, end}),
 * where start/end are the offsets in the original text (key included for a member).
 */
export function renderSource(container, root) {
  const index = new Map();
  const scalar = (node) => el("span", `jv-${node.type}`, node.raw);
  const block = (node, path, keyRaw, keyStart, last) => {
    const div = el("div", "jv-node");
    div.dataset.path = path;
    index.set(path, { el: div, start: keyStart ?? node.start, end: node.end });
    const head = el("div", "jv-line");
    if (keyRaw !== undefined) {
      head.append(el("span", "jv-key", keyRaw), el("span", "jv-punct", ": "));
    }
    div.append(head);
    const comma = last ? "" : ",";
    if (node.type === "object" || node.type === "array") {
      const [open, close] = node.type === "object" ? ["{", "}"] : ["[", "]"];
      const children = node.type === "object" ? node.entries : node.items;
      if (children.length === 0) {
        head.append(el("span", "jv-punct", open + close + comma));
        return div;
      }
      head.append(el("span", "jv-punct", open));
      const body = el("div", "jv-children");
      children.forEach((child, n) => {
        const lastChild = n === children.length - 1;
        if (node.type === "object") {
          body.append(block(child.value, childKey(path, child.key), child.keyRaw, child.keyStart, lastChild));
        } else {
          body.append(block(child, `${path}[${n}]`, undefined, undefined, lastChild));
        }
      });
      div.append(body, el("div", "jv-line jv-punct", close + comma));
    } else {
      head.append(scalar(node));
      if (comma) head.append(el("span", "jv-punct", comma));
    }
    return div;
  };
  container.replaceChildren(block(root, "$", undefined, undefined, true));
  return index;
}

/** Renders invalid text as it is, with the character at `offset` marked. */
export function renderRawWithMark(container, text, offset) {
  const mark = el("mark", "jv-error-at", text.slice(offset, offset + 1) || " ");
  mark.dataset.path = "error";
  container.replaceChildren(text.slice(0, offset), mark, text.slice(offset + 1));
  return mark;
}

/** Renders an already parsed value pretty-printed with syntax classes (for the unified output). */
export function renderValue(value, indent = "") {
  const frag = document.createDocumentFragment();
  if (value === null) frag.append(el("span", "jv-null", "null"));
  else if (typeof value === "string") frag.append(el("span", "jv-string", JSON.stringify(value)));
  else if (typeof value === "number") frag.append(el("span", "jv-number", String(value)));
  else if (typeof value === "boolean") frag.append(el("span", "jv-boolean", String(value)));
  else if (Array.isArray(value) || typeof value === "object") {
    const isArray = Array.isArray(value);
    const entries = isArray ? value.map((v, n) => [n, v]) : Object.entries(value);
    const [open, close] = isArray ? ["[", "]"] : ["{", "}"];
    if (entries.length === 0) {
      frag.append(el("span", "jv-punct", open + close));
      return frag;
    }
    frag.append(el("span", "jv-punct", open), "\n");
    entries.forEach(([k, v], n) => {
      frag.append(indent + "  ");
      if (!isArray) frag.append(el("span", "jv-key", JSON.stringify(k)), el("span", "jv-punct", ": "));
      frag.append(renderValue(v, indent + "  "));
      frag.append(n < entries.length - 1 ? "," : "", "\n");
    });
    frag.append(indent, el("span", "jv-punct", close));
  }
  return frag;
}

/** The node at `path` in `root` (from parseJson), with its offsets; null when it is not there. */
export function nodeAt(root, path) {
  const segs = [];
  const re = /\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/gy;
  re.lastIndex = 1;
  if (!path.startsWith("$")) return null;
  while (re.lastIndex < path.length) {
    const m = re.exec(path);
    if (!m) return null;
    segs.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : JSON.parse(`"${m[3]}"`)));
  }
  let node = root;
  let start = root.start;
  for (const seg of segs) {
    if (typeof seg === "number") {
      if (node.type !== "array" || seg >= node.items.length) return null;
      node = node.items[seg];
      start = node.start;
    } else {
      if (node.type !== "object") return null;
      const entry = node.entries.findLast((e) => e.key === seg);
      if (!entry) return null;
      node = entry.value;
      start = entry.keyStart;
    }
  }
  return { node, start, end: node.end };
}

/**
 * Where `path` (or, when it is absent, its nearest parent) is in `text`: {path, start, end}
 * (a member's range includes its key), or null when the text is not JSON. Needs no DOM, so the
 * worker runs it on inputs too big for the source view.
 */
export function locate(text, path) {
  let root;
  try {
    root = parseJson(text);
  } catch {
    return null;
  }
  for (let p = path; p; p = parentPath(p)) {
    const hit = nodeAt(root, p);
    if (hit) return { path: p, start: hit.start, end: hit.end };
  }
  return null;
}
