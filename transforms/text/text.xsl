<?xml version="1.0" encoding="UTF-8"?>
<!-- SPDX-License-Identifier: MIT -->
<!--
  One TEI document -> its reading text: a header block (title, date, archive reference,
  responsibilities), the front matter, then the body, one blank line between blocks. Speech turns
  read "NAME: text" with the participant's name from particDesc; paragraphs wrap at $text-width;
  list items read "- text"; stage directions keep the parentheses they have in the text; editorial
  choices give their reading (correction, expansion); editors' notes become numbered endnotes.

  Two passes: mode tk:blocks turns block elements into strings (one per block), mode tk:inline
  turns their content into one line of text, with a newline where an lb stands.
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

  <xsl:variable name="tk:nl" as="xs:string" select="'&#10;'"/>

  <xsl:template match="/">
    <xsl:variable name="tei" select="tk:tei(.)"/>
    <xsl:variable name="blocks" as="xs:string*">
      <xsl:sequence select="tk:header-block($tei)"/>
      <xsl:apply-templates select="$tei/text/(front, body, back)/*" mode="tk:blocks"/>
      <xsl:sequence select="tk:endnotes($tei)"/>
    </xsl:variable>
    <xsl:value-of select="string-join($blocks[normalize-space()], $tk:nl || $tk:nl) || $tk:nl"/>
  </xsl:template>

  <!-- Title underlined, then one "Label: value" line per fact. -->
  <xsl:function name="tk:header-block" as="xs:string">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:variable name="title" select="tk:wrap(tk:title($tei), '')"/>
    <xsl:variable name="rule-length" select="max(tokenize($title, $tk:nl) ! string-length())"/>
    <xsl:variable name="date" select="tk:date($tei)"/>
    <xsl:variable name="facts" select="(
        map {'label': tk:label('date'), 'value': normalize-space($date)},
        tk:facts($tei),
        map {'label': tk:label('source'), 'value': string(tk:source-url($tei))}
      )[normalize-space(?value)]"/>
    <xsl:sequence select="string-join((
        $title,
        string-join((1 to $rule-length) ! '='),
        $facts ! tk:wrap(?label || ': ' || ?value, '  ')
      ), $tk:nl)"/>
  </xsl:function>

  <!-- Blocks. -->

  <xsl:template match="div" mode="tk:blocks">
    <xsl:apply-templates select="*" mode="tk:blocks"/>
  </xsl:template>

  <!-- The header block already gives the title and date. -->
  <xsl:template match="front/docTitle | front/docDate" mode="tk:blocks"/>

  <xsl:template match="sp" mode="tk:blocks">
    <xsl:variable name="said" as="xs:string*">
      <xsl:apply-templates select="* except speaker" mode="tk:blocks"/>
    </xsl:variable>
    <xsl:sequence select="tk:wrap(tk:speaker-name(.) || ': ' || tk:inline((* except speaker)[1]), '')"/>
    <xsl:sequence select="subsequence($said, 2)"/>
  </xsl:template>

  <!-- A list of labels and items (the header fields): one block per pair. -->
  <xsl:template match="list[label]" mode="tk:blocks">
    <xsl:for-each select="item">
      <xsl:sequence select="tk:wrap(tk:inline(preceding-sibling::*[1][self::label]) || ' ' || tk:inline(.), '')"/>
    </xsl:for-each>
  </xsl:template>

  <!-- A bulleted (or plain) list: one block, one "- item" per line. -->
  <xsl:template match="list[not(label) or matches(@rend, 'bullet')]" mode="tk:blocks" priority="2">
    <xsl:sequence select="string-join(item ! tk:wrap('- ' || tk:inline(.), '  '), $tk:nl)"/>
  </xsl:template>

  <xsl:template match="*" mode="tk:blocks">
    <xsl:sequence select="tk:wrap(tk:inline(.), '')"/>
  </xsl:template>

  <!-- Editors' notes (see tk:is-endnote), numbered, after the text. -->
  <xsl:function name="tk:endnotes" as="xs:string*">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:variable name="notes" select="$tei/text//note[tk:is-endnote(.)]"/>
    <xsl:if test="exists($notes)">
      <xsl:sequence select="tk:label('notes')"/>
      <xsl:sequence select="string-join($notes ! tk:wrap('[' || position() || '] ' || tk:inline(node()), '    '), $tk:nl)"/>
    </xsl:if>
  </xsl:function>

  <!-- Inline content. -->

  <!-- The text of $nodes on one line (newlines only where an lb stands). -->
  <xsl:function name="tk:inline" as="xs:string">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:variable name="pieces" as="xs:string*">
      <xsl:apply-templates select="$nodes" mode="tk:inline"/>
    </xsl:variable>
    <xsl:sequence select="string-join($pieces)"/>
  </xsl:function>

  <xsl:template match="text()" mode="tk:inline">
    <xsl:sequence select="translate(., '&#9;&#10;&#13;', '   ')"/>
  </xsl:template>

  <xsl:template match="lb" mode="tk:inline">
    <xsl:sequence select="$tk:nl"/>
  </xsl:template>

  <!-- A page break adds nothing; nor does a gap, whose marks ("[…]") are text beside it. -->
  <xsl:template match="pb | gap" mode="tk:inline"/>

  <xsl:template match="choice" mode="tk:inline">
    <xsl:apply-templates select="tk:reading(.)/node()" mode="tk:inline"/>
  </xsl:template>

  <xsl:template match="note[tk:is-endnote(.)]" mode="tk:inline">
    <xsl:sequence select="'[' || tk:endnote-number(.) || ']'"/>
  </xsl:template>

  <xsl:template match="*" mode="tk:inline">
    <xsl:apply-templates mode="tk:inline"/>
  </xsl:template>

  <!-- Wrapping. -->

  <!-- $text wrapped at $text-width, line by line; continuation lines start with $indent. -->
  <xsl:function name="tk:wrap" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="indent" as="xs:string"/>
    <xsl:variable name="width" select="max(($text-width - string-length($indent), 10))"/>
    <xsl:variable name="pattern" select="'(.{1,' || $width || '}|\S+)( +|$)'"/>
    <xsl:sequence select="string-join(
        for $line in tokenize($text, $tk:nl) ! normalize-space()
        return replace($line, $pattern, '$1' || $tk:nl) ! (if (ends-with(., $tk:nl)) then substring(., 1, string-length(.) - 1) else .),
        $tk:nl) => replace('\n', $tk:nl || $indent)"/>
  </xsl:function>

</xsl:stylesheet>
