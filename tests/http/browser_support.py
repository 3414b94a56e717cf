"""What the browser tests share: headless Chromium driven by Selenium (Debian's chromium,
chromium-driver, python3-selenium, fonts-noto-cjk), a real `torikumi serve` on a free port, checks
that are counted, and screenshots. Exits 77 (skipped) when the browser or its driver is missing."""
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request

browser = shutil.which("chromium") or shutil.which("chromium-browser")
driver_path = shutil.which("chromedriver") or (
    "/usr/bin/chromedriver" if os.path.exists("/usr/bin/chromedriver") else None)
try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait
    from selenium.common.exceptions import WebDriverException
except ImportError:
    browser = None


def require_browser(name):
    if not browser or not driver_path:
        print(name + ": chromium, chromedriver or selenium not installed, skipped", file=sys.stderr)
        sys.exit(77)


class Checks:
    """Counted checks: each failure is printed and kept; finish() exits 1 if any failed."""

    def __init__(self, name):
        self.name, self.run, self.failures = name, 0, []

    def __call__(self, condition, what):
        self.run += 1
        if not condition:
            self.failures.append(what)
            print("FAIL:", what)
        return condition

    def finish(self):
        print("%s: %d passed, %d failed" % (self.name, self.run - len(self.failures), len(self.failures)))
        sys.exit(1 if self.failures else 0)


def fetch(url, token=None, method="GET", data=None):
    headers = {"Authorization": "Bearer " + token} if token else {}
    request = urllib.request.Request(url, headers=headers, method=method, data=data)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read()


def start_server(torikumi, arguments, env):
    """`torikumi serve` on a free loopback port; returns (process, base URL, the admin token, what it
    printed up to its reminders line: the feeds' URLs of the plans it was given)."""
    server = subprocess.Popen([torikumi, "serve", "--listen", "127.0.0.1:0"] + arguments,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
    announced = ""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and "reminders:" not in announced:
        line = server.stdout.readline()
        if not line:
            break
        announced += line
    base = re.search(r"listening on (http://[^/\s]+)/", announced)
    token = re.search(r"tkm_[A-Za-z0-9_-]{43}", announced)
    if not base or not token:
        server.terminate()
        print("the server did not start as expected:\n" + announced, file=sys.stderr)
        sys.exit(1)
    return server, base.group(1), token.group(0), announced


def start_browser(scratch, console_log=False):
    """Headless Chromium with its profile in `scratch`; with console_log, driver.get_log("browser")
    reads what the pages' console said (Content-Security-Policy reports)."""
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--hide-scrollbars", "--user-data-dir=" + os.path.join(scratch, "profile")]:
        options.add_argument(flag)
    if console_log:
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_page_load_timeout(30)
    return driver


def left_behind(element):
    """A wait condition: the page holding `element` was replaced by a navigation (Chromium may
    answer a node of the replaced page with another WebDriverException than a stale one)."""
    def replaced(_driver):
        try:
            element.is_enabled()
            return False
        except WebDriverException:
            return True
    return replaced


def submit(driver, button):
    """Clicks a form's button and waits for the page it answers with."""
    page = driver.find_element(By.TAG_NAME, "html")
    button.click()
    WebDriverWait(driver, 10).until(left_behind(page))


def shot(driver, out_dir, name, width, height):
    driver.set_window_size(width, height)
    time.sleep(0.2)
    driver.save_screenshot(os.path.join(out_dir, name + ".png"))


AXE_PATHS = ["/usr/local/lib/node_modules/axe-core/axe.min.js", "/usr/lib/node_modules/axe-core/axe.min.js"]


def axe_violations(driver):
    """axe-core's WCAG 2 A/AA violations on the page the browser shows (scripts/install-deps.sh
    installs axe-core; TORIKUMI_AXE_JS may name another axe.min.js); None when it is missing."""
    path = next((p for p in [os.environ.get("TORIKUMI_AXE_JS", "")] + AXE_PATHS if p and os.path.exists(p)), None)
    if not path:
        return None
    with open(path, encoding="utf-8") as file:
        driver.execute_script(file.read())
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
        ".then(result => done(result.violations.map(v => v.id + ': ' +"
        " v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))));")
