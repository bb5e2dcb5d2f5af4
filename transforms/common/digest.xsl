<?xml version="1.0" encoding="UTF-8"?>
<!-- SPDX-License-Identifier: MIT -->
<!--
  One TEI document -> its digest: what the corpus-wide pages need of it, and no more. The index
  reads a digest's facts (title, date, type, participants); the register pages read its mentions
  (participants, turns and names that point into a register), each with its anchor on the
  document's page, where it stands, and its words in context. teikit.render makes one digest per
  document, so the corpus-wide pages never hold whole documents in memory.

  <d:digest stem title type date participants>
    <date …/>                                   the TEI element that dates the document, if any
    <d:m kind="participant" ptr anchor role occupation/>
    <d:m kind="turn" ptr anchor n label/>
    <d:m kind="name" ptr anchor where n speaker><d:before/><d:words/><d:after/></d:m>
  </d:digest>
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tk="urn:x-teikit:xslt"
    xmlns:d="urn:x-teikit:digest"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:import href="functions.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <!-- Words of context kept on each side of a name. -->
  <xsl:variable name="tk:context" as="xs:integer" select="8"/>

  <xsl:template match="/">
    <xsl:variable name="tei" select="tk:tei(.)"/>
    <d:digest stem="{tk:stem($tei)}" title="{tk:title($tei)}" type="{tk:doc-type($tei)}"
        date="{tk:date-iso($tei)}" participants="{count(tk:participants($tei))}">
      <xsl:copy-of select="tk:date($tei)" copy-namespaces="no"/>
      <xsl:apply-templates select="$tei/teiHeader/profileDesc/particDesc//person, $tei/text//*[@ref or @who]"
          mode="d:mention"/>
    </d:digest>
  </xsl:template>

  <!-- Elements that point at no register entry leave no mention. -->
  <xsl:template match="*[empty(tk:register-pointers(.))]" mode="d:mention" priority="5"/>

  <xsl:template match="person" mode="d:mention">
    <d:m kind="participant" ptr="{tk:register-pointers(.)}" anchor="{tk:person-anchor(.)}"
        role="{@role}" occupation="{string-join(occupation ! normalize-space(), ', ')}"/>
  </xsl:template>

  <xsl:template match="sp" mode="d:mention">
    <d:m kind="turn" ptr="{tk:register-pointers(.)}" anchor="{tk:turn-id(.)}" n="{count(preceding::sp) + 1}"
        label="{tk:speaker-label(.)}"/>
  </xsl:template>

  <!-- A name in the text, with up to $tk:context words either side from its block, in reading form. -->
  <xsl:template match="*" mode="d:mention">
    <xsl:variable name="sp" select="ancestor::sp[1]"/>
    <xsl:variable name="p" select="ancestor::p[1]"/>
    <xsl:variable name="block" select="(ancestor::*[self::p or self::item or self::head or self::label
        or self::stage[tk:is-block-stage(.)] or self::docTitle or self::titlePart])[last()]"/>
    <!-- the text the reading shows: not in a note, nor in an alternative a choice does not read -->
    <xsl:variable name="read" select="$block//text() except ($block//note//text()
        | $block//choice/(* except tk:reading(.))//text() | .//text())"/>
    <xsl:variable name="before" select="tokenize(normalize-space(string-join($read[. &lt;&lt; current()])))"/>
    <xsl:variable name="after" select="tokenize(normalize-space(string-join($read[. >> current()])))"/>
    <xsl:variable name="words">
      <xsl:apply-templates select="." mode="d:words"/>
    </xsl:variable>
    <d:m kind="name" ptr="{tk:register-pointers(.)}" anchor="{tk:anchor(.)}">
      <xsl:choose>
        <xsl:when test="$sp">
          <xsl:attribute name="where" select="'turn'"/>
          <xsl:attribute name="n" select="count($sp/preceding::sp) + 1"/>
          <xsl:attribute name="speaker" select="tk:speaker-name($sp)"/>
        </xsl:when>
        <xsl:when test="$p and ancestor::body">
          <xsl:attribute name="where" select="'paragraph'"/>
          <xsl:attribute name="n" select="substring-after(tk:paragraph-id($p), 'p-')"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:attribute name="where" select="(ancestor::stage ! 'stage', ancestor::front ! 'front', ancestor::back ! 'back', '')[1]"/>
        </xsl:otherwise>
      </xsl:choose>
      <d:before>{if (count($before) gt $tk:context) then '… ' else ''}{$before[position() gt last() - $tk:context]}</d:before>
      <d:words>{normalize-space($words)}</d:words>
      <d:after>{$after[position() le $tk:context]}{if (count($after) gt $tk:context) then ' …' else ''}</d:after>
    </d:m>
  </xsl:template>

  <!-- The words of a mention as the reading text has them: corrections and expansions, no notes. -->
  <xsl:template match="choice" mode="d:words">
    <xsl:apply-templates select="tk:reading(.)" mode="#current"/>
  </xsl:template>
  <xsl:template match="note" mode="d:words"/>

</xsl:stylesheet>
