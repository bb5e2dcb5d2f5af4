<?xml version="1.0" encoding="UTF-8"?>
<!-- SPDX-License-Identifier: MIT -->
<!--
  One TEI document -> one HTML5 page: header card, participants, the source's front matter, the
  text (blocks here; names, editorial markup and speech turns in their modules), endnotes.
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

  <xsl:include href="html_page.xsl"/>
  <xsl:include href="html_header.xsl"/>
  <xsl:include href="html_names.xsl"/>
  <xsl:include href="html_editorial.xsl"/>
  <xsl:include href="html_speech.xsl"/>

  <xsl:strip-space elements="TEI teiHeader fileDesc titleStmt respStmt publicationStmt sourceDesc
      profileDesc particDesc listPerson person langUsage textClass keywords settingDesc setting
      text front body back div sp list docTitle abstract"/>

  <xsl:template match="/">
    <xsl:apply-templates select="tk:tei(.)"/>
  </xsl:template>

  <xsl:template match="TEI">
    <html lang="{(@xml:lang, 'en')[1]}">
      <xsl:call-template name="tk:html-head">
        <xsl:with-param name="title" select="tk:title(.) || ' — ' || $site-title"/>
      </xsl:call-template>
      <body>
        <xsl:call-template name="tk:site-header">
          <xsl:with-param name="home" select="$index-href"/>
        </xsl:call-template>
        <main id="main">
          <xsl:call-template name="tk:view-inputs"/>
          <xsl:apply-templates select="teiHeader" mode="tk:card"/>
          <xsl:apply-templates select="teiHeader" mode="tk:cite"/>
          <xsl:apply-templates select="teiHeader/profileDesc/particDesc[.//person]" mode="tk:participants"/>
          <xsl:call-template name="tk:view-switch"/>
          <xsl:apply-templates select="text/front"/>
          <section class="text" aria-labelledby="text-heading">
            <h2 id="text-heading">{tk:label('text')}</h2>
            <xsl:apply-templates select="text/body, text/back"/>
          </section>
          <xsl:call-template name="tk:endnotes"/>
        </main>
      </body>
    </html>
  </xsl:template>

  <!-- The front matter is the archive's own apparatus, which the card already digests: fold it. -->
  <xsl:template match="front">
    <details class="front">
      <summary><h2>{tk:label('front')}</h2></summary>
      <xsl:apply-templates/>
    </details>
  </xsl:template>

  <xsl:template match="body | back">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="div">
    <div class="div {@type}">
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <!-- Headings continue the page outline: h2 sections, so a div's head is h3, a nested one h4. -->
  <xsl:template match="div/head">
    <xsl:element name="h{min((6, 2 + count(ancestor::div)))}">
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="docTitle | docDate | byline | dateline | salute | signed | trailer">
    <p class="{local-name()}">
      <xsl:apply-templates/>
    </p>
  </xsl:template>

  <xsl:template match="titlePart">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="opener | closer">
    <div class="{local-name()}">
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="p">
    <p>
      <xsl:if test="ancestor::text">
        <xsl:attribute name="id" select="tk:paragraph-id(.)"/>
      </xsl:if>
      <xsl:apply-templates/>
    </p>
  </xsl:template>

  <xsl:template match="quote[p]">
    <blockquote>
      <xsl:apply-templates/>
    </blockquote>
  </xsl:template>

  <!-- Lists: bullets as ul, numbers as ol (their labels are the bullets and numbers, which the
       browser draws), other label/item pairs (the header fields) as a description list. -->
  <xsl:template match="list">
    <xsl:variable name="rend" select="string(@rend)"/>
    <xsl:choose>
      <xsl:when test="label and not(matches($rend, 'bullet|number|ordered'))">
        <dl class="{(@type, 'labelled')[1]}">
          <xsl:for-each select="label | item">
            <xsl:element name="{if (self::label) then 'dt' else 'dd'}">
              <xsl:apply-templates/>
            </xsl:element>
          </xsl:for-each>
        </dl>
      </xsl:when>
      <xsl:otherwise>
        <xsl:element name="{if (matches($rend, 'number|ordered')) then 'ol' else 'ul'}">
          <xsl:if test="@rend">
            <xsl:attribute name="class" select="@rend"/>
          </xsl:if>
          <xsl:for-each select="item">
            <li>
              <xsl:apply-templates/>
            </li>
          </xsl:for-each>
        </xsl:element>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A reference links where it points, unless its target is no safe URL (tk:href): then it is
       text, in the span of any other element. -->
  <xsl:template match="ref[exists(tk:href(@target))]">
    <a href="{tk:href(@target)}">
      <xsl:apply-templates/>
    </a>
  </xsl:template>

  <!-- Anything else keeps its text, in a span classed by its TEI name for styling. -->
  <xsl:template match="text//*" priority="-1">
    <span class="{local-name()}">
      <xsl:if test="@xml:lang">
        <xsl:attribute name="lang" select="@xml:lang"/>
      </xsl:if>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

</xsl:stylesheet>
