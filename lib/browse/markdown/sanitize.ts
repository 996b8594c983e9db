import sanitizeHtml, { type IOptions, type Transformer } from "sanitize-html";
import { headingId, type MarkdownBase, safeUrl } from "./urls";

/** Image widths and heights past this many pixels are capped: a README can't make the page 100,000 px tall. */
export const MAX_IMAGE_SIZE = 2000;

const EXTERNAL_REL = "nofollow noopener noreferrer";
/**
 * Marks an element to unwrap: the tag goes, its text stays (a refused link
 * shows its words). Renaming it to a disallowed tag would be simpler, but
 * sanitize-html then renames the next closing tag at that depth too.
 */
const DROP_ATTR = "data-md-drop";

/**
 * What a README may contain, after GitHub's sanitization filter
 * (github/markup's html-pipeline `SanitizationFilter`): structure, text
 * formatting, links, images, tables, details/summary. Not `picture`/`source`
 * (their `srcset` would need its own URL checks): their fallback `<img>`
 * shows instead. Scripts, styles, forms, frames, embeds and every `on*` or
 * `style` attribute are gone because nothing lets them in.
 */
const TAGS = [
  "h1", "h2", "h3", "h4", "h5", "h6", "p", "div", "span", "br", "hr", "a", "img", "pre", "code", "blockquote",
  "b", "i", "u", "strong", "em", "tt", "ins", "del", "s", "strike", "sup", "sub", "kbd", "q", "samp", "var", "small",
  "mark", "abbr", "cite", "dfn", "wbr", "ruby", "rt", "rp", "ol", "ul", "li", "dl", "dt", "dd", "table", "caption",
  "thead", "tbody", "tfoot", "tr", "th", "td", "details", "summary", "figure", "figcaption", "section", "input",
];

const ALIGN = { name: "align", multiple: false, values: ["left", "right", "center", "justify"] };
const CELL_ALIGN = { name: "align", multiple: false, values: ["left", "right", "center"] };
const BLOCK = ["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "table"];

const ATTRIBUTES: IOptions["allowedAttributes"] = {
  "*": ["id", "title", "lang", { name: "dir", multiple: false, values: ["ltr", "rtl", "auto"] }],
  ...Object.fromEntries(BLOCK.map((tag) => [tag, [ALIGN]])),
  a: ["href", "rel", DROP_ATTR],
  img: ["src", "alt", "width", "height", "align", "loading", "decoding", "referrerpolicy", DROP_ATTR],
  th: [CELL_ALIGN, "colspan", "rowspan"],
  td: [CELL_ALIGN, "colspan", "rowspan"],
  ol: ["start", "reversed"],
  li: ["value"],
  details: ["open"],
  input: ["type", "checked", "disabled", DROP_ATTR],
  pre: ["data-lang"],
};

/** The classes the renderer itself puts on elements (CSS in app/globals.css); a README's own are dropped. */
const CLASSES = [
  "md-code", "hl", "md-table", "md-image", "task-list-item", "contains-task-list", "task-list-item-checkbox",
  "footnote-ref", "footnotes-sep", "footnotes", "footnotes-list", "footnote-item", "footnote-backref",
];

/** Tags whose text goes with them (a stylesheet or a script shown as text is noise). */
const NON_TEXT = ["script", "style", "textarea", "option", "select", "title", "template", "iframe", "noembed", "noframes", "xmp", "object", "svg", "math"];

/**
 * Makes the HTML that markdown-it produced from a README (raw HTML in it
 * included) safe to put in the page: only allowlisted tags, attributes and
 * classes survive, and every link and image URL goes through `safeUrl`
 * (which also points relative ones into the package). A refused link keeps
 * its text; a refused image keeps its alt text.
 */
export function sanitizeMarkdownHtml(html: string, base: MarkdownBase): string {
  return sanitizeHtml(html, {
    allowedTags: TAGS,
    allowedAttributes: ATTRIBUTES,
    allowedClasses: { "*": CLASSES },
    // safeUrl has already rewritten every URL; this is a second lock, not a second policy.
    allowedSchemes: ["http", "https"],
    allowedSchemesByTag: {},
    allowedSchemesAppliedToAttributes: ["href", "src"],
    allowProtocolRelative: false,
    disallowedTagsMode: "discard",
    nonTextTags: NON_TEXT,
    transformTags: { a: link(base), img: image(base), input: checkbox, "*": attributes },
    exclusiveFilter: (frame) => (frame.attribs[DROP_ATTR] === undefined ? false : "excludeTag"),
  });
}

function link(base: MarkdownBase): Transformer {
  return (_, { href, name, ...attribs }) => {
    delete attribs.rel; // set below for external links, and only then
    // `<a name="x">` is an old way to set a fragment target.
    if (name !== undefined && attribs.id === undefined) attribs.id = name;
    if (href === undefined) return { tagName: "a", attribs };
    const url = safeUrl(href, base);
    if (!url) return dropped("a");
    return { tagName: "a", attribs: { ...attribs, href: url.href, ...(url.kind === "external" ? { rel: EXTERNAL_REL } : {}) } };
  };
}

function image(base: MarkdownBase): Transformer {
  return (_, { src, alt, title, width, height, align }) => {
    const url = src === undefined ? undefined : safeUrl(src, base, "image");
    if (url?.kind !== "external" && url?.kind !== "raw") {
      const text = alt?.trim();
      return text ? { tagName: "span", attribs: { class: "md-image" }, text } : dropped("img");
    }
    const attribs: Record<string, string> = {
      src: url.href,
      alt: alt ?? "",
      // Other hosts learn neither which page nor which package a reader looks at.
      referrerpolicy: "no-referrer",
      loading: "lazy",
      decoding: "async",
    };
    for (const [key, value] of Object.entries({ title, align: align?.toLowerCase(), width: imageSize(width), height: imageSize(height) })) {
      if (value !== undefined) attribs[key] = value;
    }
    return { tagName: "img", attribs };
  };
}

/** Only the disabled checkbox of a task list item. */
const checkbox: Transformer = (_, { type, checked, class: className }) => {
  if (type?.toLowerCase() !== "checkbox") return dropped("input");
  const attribs: Record<string, string> = { type: "checkbox", disabled: "" };
  if (checked !== undefined) attribs.checked = "";
  if (className !== undefined) attribs.class = className;
  return { tagName: "input", attribs };
};

function dropped(tagName: string) {
  return { tagName, attribs: { [DROP_ATTR]: "" } };
}

/** Ids are slugged into the page's `md-` namespace, the one `safeUrl` points `#fragment` links at. */
const attributes: Transformer = (tagName, attribs) => {
  const { id, align } = attribs;
  if (id !== undefined) attribs.id = isSlug(id) ? id : headingId(id);
  if (align !== undefined) attribs.align = align.toLowerCase();
  return { tagName, attribs };
};
/** Heading ids are slugs already; a second `headingId` would make them `md-md-…`. */
function isSlug(id: string): boolean {
  return id.startsWith("md-") && headingId(id.slice(3)) === id;
}

/** A `width`/`height` value: pixels (capped at MAX_IMAGE_SIZE) or a percentage up to 100; else dropped. */
function imageSize(value: string | undefined): string | undefined {
  const match = /^\s*(\d{1,7})(px|%)?\s*$/i.exec(value ?? "");
  if (!match?.[1]) return undefined;
  const n = Number(match[1]);
  if (match[2] === "%") return n <= 100 ? `${n}%` : undefined;
  return String(Math.min(n, MAX_IMAGE_SIZE));
}
