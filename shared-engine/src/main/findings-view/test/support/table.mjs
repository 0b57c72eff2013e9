// Reads the findings table back from the page as plain values.
export function tableRows(page) {
  return page.$$eval('.pfv-table tbody tr', (trs) => trs.map((tr) => {
    const cell = (name) => tr.querySelector('.pfv-' + name);
    const advisory = tr.querySelector('.pfv-advisory');
    return {
      severity: cell('severity').textContent,
      id: advisory.textContent,
      href: advisory.getAttribute('href'),
      aliasHrefs: [...tr.querySelectorAll('.pfv-alias')].map((a) => a.getAttribute('href')),
      aliases: [...tr.querySelectorAll('.pfv-alias')].map((a) => a.textContent),
      summary: tr.querySelector('.pfv-summary')?.textContent ?? null,
      package: cell('package').textContent,
      installed: cell('installed').textContent,
      fixed: cell('fixed').textContent,
      status: cell('status').textContent,
      why: cell('why').textContent,
    };
  }));
}
