<?xml version="1.0" encoding="UTF-8"?>
<!-- SPDX-License-Identifier: MIT -->
<!--
  Speech turns. Each sp is one block with an id (its permalink): the speaker's name as particDesc
  gives it, linked to the participant entry, then the speaker label as the transcript writes it,
  then what was said.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tk="urn:x-teikit:xslt"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:template match="sp">
    <xsl:variable name="id" select="tk:turn-id(.)"/>
    <xsl:variable name="people" select="tk:speakers(.)"/>
    <div class="sp" id="{$id}">
      <p class="speaker">
        <xsl:choose>
          <xsl:when test="exists($people)">
            <xsl:for-each select="$people">
              <xsl:if test="position() gt 1"> {tk:label('and')} </xsl:if>
              <a class="who" href="{tk:href((tk:register-link(., tk:register-pointers(.)), '#' || tk:person-anchor(.))[1])}">{tk:person-name(.)}</a>
            </xsl:for-each>
            <xsl:text> </xsl:text>
            <span class="speaker-label">
              <xsl:apply-templates select="speaker/node()"/>
            </span>
          </xsl:when>
          <xsl:otherwise>
            <span class="who">
              <xsl:apply-templates select="speaker/node()"/>
            </span>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:text> </xsl:text>
        <a class="permalink" href="{tk:href(tk:passage-url(., $id))}" aria-label="{tk:label('permalink')} {count(preceding::sp) + 1}">¶</a>
      </p>
      <xsl:call-template name="tk:cite-passage">
        <xsl:with-param name="id" select="$id"/>
      </xsl:call-template>
      <xsl:apply-templates select="node() except speaker"/>
    </div>
  </xsl:template>

</xsl:stylesheet>
