// `base_url:` points every API URL of an exchange at another origin (a self-hosted proxy, the
// tests' fake servers): the scheme, host and port are replaced, each URL's path is kept. ccxt keeps
// its URLs in a tree (`urls.api`), some with a `{hostname}` placeholder, so the rewrite walks it.

type UrlTree = string | { [key: string]: UrlTree } | undefined;

/** "https://api.{hostname}/v5" with base "http://127.0.0.1:9000" gives "http://127.0.0.1:9000/v5". */
export function rebaseUrl(url: string, baseUrl: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  return url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]+/i, base);
}

/** A copy of ccxt's `urls.api` tree with every URL rebased; other values are kept as they are. */
export function rebaseUrlTree<T extends UrlTree>(tree: T, baseUrl: string): T {
  if (typeof tree === 'string') return (/^[a-z][a-z0-9+.-]*:\/\//i.test(tree) ? rebaseUrl(tree, baseUrl) : tree) as T;
  if (!tree || typeof tree !== 'object') return tree;
  return Object.fromEntries(Object.entries(tree).map(([key, value]) => [key, rebaseUrlTree(value, baseUrl)])) as T;
}
