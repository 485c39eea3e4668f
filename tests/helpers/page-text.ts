// A served page's markup read as text, for assertions on what a person reads rather than on how it is marked up.

/** Markup as text: tags dropped, the entities the pages write read back, white space kept (a policy's layout). */
export const markupText = (markup: string): string =>
  markup.replace(/<[^>]+>/g, "").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/** A page's text as a browser shows it: markupText with white space as one space. */
export const shownText = (markup: string): string => markupText(markup).replace(/\s+/g, " ").trim();
