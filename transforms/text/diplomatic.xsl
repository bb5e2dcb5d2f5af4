<?xml version="1.0" encoding="UTF-8"?>
<!-- SPDX-License-Identifier: MIT -->
<!--
  One TEI document -> its diplomatic text: the words of <text> as the transcript has them, without
  anything teikit added (the reg, corr and expan of a choice, and notes with resp="#teikit"). It is
  the source view of DESIGN.md §3: token for token the transcript after the declared normalisation.
  Blank lines are kept to at most one, so the text reads as the transcript's paragraphs.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tk="urn:x-teikit:xslt"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:import href="../common/params.xsl"/>
  <xsl:import href="../common/functions.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:template match="/">
    <xsl:variable name="words" as="xs:string">
      <xsl:value-of>
        <xsl:apply-templates select="tk:tei(.)/text" mode="tk:diplomatic"/>
      </xsl:value-of>
    </xsl:variable>
    <!-- indentation between block elements is the encoding's, not the transcript's -->
    <xsl:variable name="lines" select="for $l in tokenize($words, '&#10;') return tk:trim($l)"/>
    <xsl:value-of select="replace(string-join($lines, '&#10;'), '&#10;{3,}', '&#10;&#10;') => replace('^\s+', '') || '&#10;'"/>
  </xsl:template>

  <xsl:template match="choice/reg | choice/corr | choice/expan | note[@resp = '#teikit']" mode="tk:diplomatic"/>

  <xsl:template match="*" mode="tk:diplomatic">
    <xsl:apply-templates mode="tk:diplomatic"/>
  </xsl:template>
  <!-- $s without the whitespace at its ends; each regex runs only where there is some to remove
       (a regex that scans a long line for trailing space is what costs). -->
  <xsl:function name="tk:trim" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:variable name="start" select="if (matches(substring($s, 1, 1), '\s')) then replace($s, '^\s+', '') else $s"/>
    <xsl:sequence select="if (matches(substring($start, string-length($start)), '\s')) then replace($start, '\s+$', '') else $start"/>
  </xsl:function>

</xsl:stylesheet>
