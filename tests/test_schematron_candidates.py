"""The compiled Schematron's gathered candidates: a pattern whose contexts end in element names applies
templates only to the elements of those names, and gives the same failures as a search would."""

from __future__ import annotations

from lxml import etree

from teikit.schematron import Schematron

SCHEMA = b"""<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt">
  <sch:ns prefix="t" uri="urn:t"/>
  <sch:pattern id="named">
    <sch:rule context="t:front//t:div[@type]">
      <sch:assert id="front-div" test="@type = 'ok'">front div <sch:value-of select="@type"/></sch:assert>
    </sch:rule>
    <sch:rule context="t:div[@n]">
      <sch:report id="other-div" test="@n">other div <sch:value-of select="@n"/></sch:report>
    </sch:rule>
    <sch:rule context="plain">
      <sch:report id="plain" test="true()">plain <sch:value-of select="@n"/></sch:report>
    </sch:rule>
  </sch:pattern>
  <sch:pattern id="attributes">
    <sch:rule context="t:*/@n">
      <sch:report id="n" test=". = '9'">n is 9</sch:report>
    </sch:rule>
  </sch:pattern>
</sch:schema>"""

DOCUMENT = b"""<doc xmlns:t="urn:t">
  <t:front>
    <t:div>
      <t:div type="bad"/>
      <t:div type="ok" n="1"/>
    </t:div>
  </t:front>
  <t:div n="2">
    <t:div n="9"/>
  </t:div>
  <plain n="3"><t:plain/></plain>
</doc>"""


def _failures(tree: etree._ElementTree) -> list[tuple[str, str, int, str]]:
    schematron = Schematron(etree.ElementTree(etree.fromstring(SCHEMA)))
    return [(f.pattern, f.test, f.line, f.message) for f in schematron.failures(tree)]


def test_gathered_elements_fire_their_first_rule_once_and_the_others_nothing() -> None:
    # The div without @type in front matches no rule: nothing, and its children are not visited twice.
    assert _failures(etree.fromstring(DOCUMENT).getroottree()) == [
        ("named", "front-div", 4, "front div bad"),
        ("named", "other-div", 8, "other div 2"),
        ("named", "other-div", 9, "other div 9"),
        ("named", "plain", 11, "plain 3"),
        ("attributes", "n", 9, "n is 9"),
    ]


def test_the_stylesheet_applies_templates_to_gathered_elements_only_where_names_are_known() -> None:
    schematron = Schematron(etree.ElementTree(etree.fromstring(SCHEMA)))
    xsl = {"xsl": "http://www.w3.org/1999/XSL/Transform"}
    selects = schematron.stylesheet.xpath("//xsl:apply-templates/@select", namespaces=xsl)
    assert len(selects) == 2
    assert "candidates('{urn:t}div')" in selects[0] and "candidates('plain')" in selects[0]
    assert "candidates" not in selects[1] and "@n" in selects[1]


def test_a_tree_over_part_of_a_document_is_checked_as_that_part() -> None:
    part = etree.fromstring(DOCUMENT).find("{urn:t}div[@n='2']")
    assert part is not None
    assert _failures(etree.ElementTree(part)) == [
        ("named", "other-div", 8, "other div 2"),
        ("named", "other-div", 9, "other div 9"),
        ("attributes", "n", 9, "n is 9"),
    ]
