/**
 * Pages that differ between links only by a few URL- and HTML-safe values (the token, the form's visit
 * field): each is rendered once per key with stand-ins, and the values put in per request. Rendering
 * is most of the CPU of a survey page.
 */
export function pageCache(kept: number) {
  const pages = new Map<string, Promise<string>>();
  return (key: string, render: () => Promise<string>, values: Record<string, string>): Promise<string> => {
    let page = pages.get(key);
    if (!page) {
      page = render();
      if (pages.size >= kept) pages.clear();
      pages.set(key, page);
      page.catch(() => pages.delete(key));
    }
    return page.then((html) => {
      let out = html;
      for (const [standIn, value] of Object.entries(values)) out = out.replaceAll(standIn, value);
      return out;
    });
  };
}
