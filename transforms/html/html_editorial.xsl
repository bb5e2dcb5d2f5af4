<?xml version="1.0" encoding="UTF-8"?>
<!-- SPDX-License-Identifier: MIT -->
<!--
  Editorial and transcriptional markup: supplied, choice (with the reading/diplomatic switch),
  note (inline, or as an endnote when an editor added it), stage, pb, lb, hi, seg, gap.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tk="urn:x-teikit:xslt"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- The translator's additions keep their brackets (they are characters of the source). -->
  <xsl:template match="supplied">
    <span class="supplied" title="{tk:label('supplied')}">
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- Both sides of a choice; the view switch shows one of them. -->
  <xsl:template match="choice">
    <span class="choice">
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template match="choice/sic | choice/abbr | choice/orig">
    <span class="diplomatic {local-name()}">
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template match="choice/corr | choice/expan | choice/reg">
    <span class="reading {local-name()}">
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- The views switch without JavaScript: two radio buttons, visually hidden, open <main> so that
       a sibling selector can hide one view in what follows; their labels are the buttons. -->
  <xsl:template name="tk:view-inputs">
    <xsl:if test="exists(/TEI/text//choice)">
      <xsl:for-each select="'reading', 'diplomatic'">
        <input class="view-input visually-hidden" type="radio" name="view" id="view-{.}" value="{.}">
          <xsl:if test=". eq $default-view">
            <xsl:attribute name="checked">checked</xsl:attribute>
          </xsl:if>
        </input>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <xsl:template name="tk:view-switch">
    <xsl:if test="exists(/TEI/text//choice)">
      <div class="views" role="group" aria-labelledby="views-label">
        <span id="views-label">{tk:label('view')}:</span>
        <xsl:for-each select="'reading', 'diplomatic'">
          <xsl:text> </xsl:text>
          <label for="view-{.}">{tk:label(.)} <span class="hint">({tk:label(. || '-hint')})</span></label>
        </xsl:for-each>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- Editors' notes are endnotes (see tk:is-endnote); the transcript's own notes stay in place. -->
  <xsl:template match="note">
    <span class="{normalize-space('note ' || @type)}">
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- The document's own endnotes, written at its end: in place, as the targets of their markers. -->
  <xsl:template match="note[@xml:id][not(tk:is-endnote(.))]">
    <p class="{normalize-space('note endnote ' || @type)}" id="{@xml:id}">
      <xsl:apply-templates/>
    </p>
  </xsl:template>

  <xsl:template match="note[tk:is-endnote(.)]">
    <xsl:variable name="n" select="tk:endnote-number(.)"/>
    <a class="note-ref" id="note-ref-{$n}" href="#note-{$n}" role="doc-noteref">{$n}</a>
  </xsl:template>

  <xsl:template name="tk:endnotes">
    <xsl:variable name="notes" select="/TEI/text//note[tk:is-endnote(.)]"/>
    <xsl:if test="exists($notes)">
      <section class="notes" aria-labelledby="notes-heading" role="doc-endnotes">
        <h2 id="notes-heading">{tk:label('notes')}</h2>
        <ol>
          <xsl:for-each select="$notes">
            <li id="note-{position()}">
              <xsl:apply-templates/>
              <xsl:text> </xsl:text>
              <a href="#note-ref-{position()}" role="doc-backlink" aria-label="{tk:label('back-to-text')}">↩</a>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- Stage directions: a paragraph of their own between turns, a span inside a paragraph. -->
  <xsl:template match="stage">
    <span class="stage">
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template match="stage[tk:is-block-stage(.)]">
    <p class="stage" id="{tk:stage-id(.)}">
      <xsl:apply-templates/>
    </p>
  </xsl:template>

  <!-- A page break: its number (pb/@n) in the margin, an anchor "page-N" to cite and link to. -->
  <xsl:template match="pb">
    <span class="pb">
      <xsl:if test="normalize-space(@n)">
        <xsl:attribute name="id" select="tk:page-anchor(.)"/>
      </xsl:if>
      <span class="visually-hidden">[{tk:label('page-break')}<xsl:if test="normalize-space(@n)">, </xsl:if></span>
      <xsl:if test="normalize-space(@n)"><span class="page-number">{tk:label('page-abbr')} {normalize-space(@n)}</span></xsl:if>
      <span class="visually-hidden">]</span>
    </span>
  </xsl:template>

  <!-- The HTML id of a numbered page break: "page-" and its number made safe for an id. -->
  <xsl:function name="tk:page-anchor" as="xs:string">
    <xsl:param name="pb" as="element(pb)"/>
    <xsl:variable name="n" select="replace(normalize-space($pb/@n), '[^\p{L}\p{N}_.\-]', '-')"/>
    <xsl:sequence select="'page-' || $n || (if ($pb/preceding::pb[replace(normalize-space(@n), '[^\p{L}\p{N}_.\-]', '-') eq $n])
        then '-' || count($pb/preceding::pb) + 1 else '')"/>
  </xsl:function>

  <xsl:template match="lb">
    <br/>
  </xsl:template>

  <xsl:template match="hi">
    <xsl:variable name="rend" select="string(@rend)"/>
    <xsl:element name="{if (matches($rend, 'bold')) then 'b'
        else if (matches($rend, 'italic')) then 'i'
        else if (matches($rend, 'sup')) then 'sup'
        else if (matches($rend, 'sub')) then 'sub'
        else 'span'}">
      <xsl:attribute name="class" select="normalize-space('hi ' || $rend)"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="seg">
    <span class="{normalize-space('seg ' || @type)}">
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- The transcript's own marks of an omission ("[illegible]", "[…]") stay as text beside the gap:
       showing one more would invent characters. -->
  <xsl:template match="gap"/>

</xsl:stylesheet>
