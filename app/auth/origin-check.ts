const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export type RequestOriginInfo = {
  method: string;
  host: string | undefined;
  origin: string | undefined;
  secFetchSite: string | undefined;
};

/**
 * True when a state-changing request does not come from this site and must be refused.
 * Browsers send Origin on every POST (and Sec-Fetch-Site); a request carrying neither is
 * refused too, so a non-browser client must say where it comes from.
 */
export function isCrossSiteWrite(req: RequestOriginInfo): boolean {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return false;
  if (req.origin !== undefined && req.origin !== "null") {
    let originHost: string;
    try {
      originHost = new URL(req.origin).host;
    } catch {
      return true;
    }
    if (!req.host || originHost !== req.host) return true;
    // An Origin that matches is enough; Sec-Fetch-Site must not contradict it.
    return req.secFetchSite !== undefined && req.secFetchSite !== "same-origin";
  }
  if (req.secFetchSite !== undefined) return req.secFetchSite !== "same-origin";
  return true;
}
