"""axe-core in headless Chromium: the WCAG 2.1 AA gate of the a11y tests.

axe-core comes from npm (package.json pins it; ``make test`` runs ``npm
ci``): Deque's own build, the engine every axe integration wraps, so the
rules are exactly the released ones. It is evaluated through the DevTools
protocol, which the pages' Content-Security-Policy does not govern, so the
pages are checked with their real CSP on.
"""

import json
from functools import cache
from pathlib import Path

import pytest

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

#: WCAG 2.0 and 2.1, levels A and AA: what the issue asks and the law asks.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@cache
def source():
    if not AXE.exists():
        pytest.fail("axe-core is missing at %s: run `make test` (npm ci)." % AXE)
    return AXE.read_text(encoding="utf-8")


def violations(page):
    """The page's WCAG 2.1 AA violations, one line per rule and element."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate("() => { %s\n}" % source())
    result = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {
                runOnly: {type: 'tag', values: tags},
                resultTypes: ['violations'],
            });
            return result.violations.map((rule) => ({
                id: rule.id,
                impact: rule.impact,
                nodes: rule.nodes.map((node) => ({
                    target: node.target.join(' '),
                    summary: node.failureSummary,
                })),
            }));
        }""",
        TAGS,
    )
    lines = []
    for rule in result:
        for node in rule["nodes"]:
            lines.append(
                "%s (%s) at %s: %s"
                % (rule["id"], rule["impact"], node["target"], node["summary"])
            )
    return lines


def report(found):
    """``{label: [violation, ...]}`` as text an assertion prints."""
    return json.dumps(
        {label: lines for label, lines in found.items() if lines}, indent=1
    )
