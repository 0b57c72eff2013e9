// Links for advisory ids. The URL is built from the id, and only for ids of a known shape, so an id
// in the data can never choose where a link goes. A reference URL from the data is used only when the
// id has no known shape, and only when it is a plain https URL.

const GHSA = /^GHSA(-[23456789cfghjmpqrvwx]{4}){3}$/;
const CVE = /^CVE-\d{4}-\d{4,7}$/;
// OSV ids are PREFIX-REST (ALPINE-CVE-2021-36159, DSA-5022-1, PYSEC-2021-19, GO-2022-0001,
// RUSTSEC-2021-0001, RHSA-2024:1234, openSUSE-SU-2024:1234-1).
const OSV = /^[A-Za-z][A-Za-z0-9]{1,15}-[A-Za-z0-9][A-Za-z0-9._:-]{0,80}$/;

export function defaultAdvisoryUrl(id) {
  if (typeof id !== 'string') return null;
  if (GHSA.test(id)) return 'https://github.com/advisories/' + id;
  if (CVE.test(id)) return 'https://nvd.nist.gov/vuln/detail/' + id;
  // A malformed GHSA or CVE id is not passed on to osv.dev as if it were some other id.
  if (OSV.test(id) && !/^(GHSA|CVE)-/i.test(id)) return 'https://osv.dev/vulnerability/' + encodeURIComponent(id);
  return null;
}

/** The URL if it is an absolute https URL without credentials, normalised by the URL parser; else null. */
export function safeHttpsUrl(candidate) {
  // Written out as https:// with nothing the parser would strip or fold (whitespace, controls, backslashes).
  if (typeof candidate !== 'string' || candidate.length > 2048 || !/^https:\/\/[^\s\\\u0000-\u001f\u007f]+$/.test(candidate)) return null;
  let url;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.username || url.password || !url.hostname) return null;
  return url.href;
}

/**
 * The link target for a finding's id: the host's advisoryUrl(id) when given (null there means no link),
 * else the built URL, else the first https reference. Whatever the source, only an https URL is returned.
 */
export function advisoryLink(id, references, hostAdvisoryUrl) {
  if (typeof hostAdvisoryUrl === 'function') {
    let chosen;
    try {
      chosen = hostAdvisoryUrl(id);
    } catch {
      chosen = null;
    }
    if (chosen !== undefined) return safeHttpsUrl(chosen);
  }
  const built = defaultAdvisoryUrl(id);
  if (built) return built;
  if (Array.isArray(references)) {
    for (const reference of references) {
      const url = safeHttpsUrl(reference);
      if (url) return url;
    }
  }
  return null;
}
