// Times a click in the page itself, from the click to the laid-out result, so the figure does not
// include the round trip between the test and the browser.
export function clickAndLayoutMillis(page, selector) {
  return page.$eval(selector, (element) => {
    const started = performance.now();
    element.click();
    void document.body.offsetHeight;
    return performance.now() - started;
  });
}
