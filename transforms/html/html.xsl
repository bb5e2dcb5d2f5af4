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
        <xsl:with-param name="meta" as="element()*">
          <xsl:apply-templates select="teiHeader" mode="tk:meta"/>
        </xsl:with-param>
        <xsl:with-param name="extra-css" select="$tk:editorial-css"/>
      </xsl:call-template>
      <body>
        <xsl:call-template name="tk:site-header">
          <xsl:with-param name="home" select="$index-href"/>
        </xsl:call-template>
        <main id="main">
          <xsl:call-template name="tk:view-inputs"/>
          <!-- Reading first: a compact card, then everything else folded, then the text. -->
          <xsl:apply-templates select="teiHeader" mode="tk:card"/>
          <xsl:call-template name="tk:view-switch"/>
          <section class="text" aria-labelledby="text-heading">
            <h2 id="text-heading">{tk:label('text')}</h2>
            <xsl:apply-templates select="text/body, text/back"/>
          </section>
          <xsl:call-template name="tk:endnotes"/>
          <xsl:call-template name="tk:sequence"/>
        </main>
      </body>
    </html>
  </xsl:template>

  <!-- The front matter is the archive's own apparatus, which the card already digests: fold it. -->
  <xsl:template match="front">
    <details class="fold front">
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
      <xsl:if test="ancestor::body or ancestor::back">
        <xsl:attribute name="id" select="tk:head-id(.)"/>
      </xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- A heading's HTML id: its div's xml:id, else "section-" and its position among the headings. -->
  <xsl:function name="tk:head-id" as="xs:string">
    <xsl:param name="head" as="element(head)"/>
    <xsl:sequence select="string(($head/parent::div/@xml:id,
        'section-' || count($head/preceding::head[parent::div][ancestor::body or ancestor::back]) + 1)[1])"/>
  </xsl:function>

  <!-- The table of contents, folded, when the text has headings or more than $toc-threshold turns
       and paragraphs: its headings, its numbered pages and its turns, each linking to its place. -->
  <xsl:template name="tk:contents">
    <xsl:variable name="text" select="/TEI/text"/>
    <xsl:variable name="heads" select="$text/(body | back)//div/head"/>
    <xsl:variable name="turns" select="$text/body//sp"/>
    <xsl:variable name="pages" select="$text/body//pb[normalize-space(@n)]"/>
    <xsl:if test="exists($heads) or count($turns | $text/body//p) gt $toc-threshold">
      <details class="fold contents">
        <summary><h2 id="contents-heading">{tk:label('contents')}</h2></summary>
        <nav aria-labelledby="contents-heading">
          <xsl:if test="exists($heads)">
            <h3>{tk:label('sections')}</h3>
            <ol>
              <xsl:for-each select="$heads">
                <li><a href="#{tk:head-id(.)}">{normalize-space()}</a></li>
              </xsl:for-each>
            </ol>
          </xsl:if>
          <xsl:if test="exists($pages)">
            <h3>{tk:label('pages')}</h3>
            <ul class="inline">
              <xsl:for-each select="$pages">
                <li><a href="#{tk:page-anchor(.)}">{tk:label('page-abbr')} {normalize-space(@n)}</a></li>
              </xsl:for-each>
            </ul>
          </xsl:if>
          <xsl:if test="exists($turns)">
            <h3>{tk:label('turns')}</h3>
            <ol>
              <xsl:for-each select="$turns">
                <li><a href="#{tk:turn-id(.)}">{tk:speaker-name(.)}</a></li>
              </xsl:for-each>
            </ol>
          </xsl:if>
        </nav>
      </details>
    </xsl:if>
  </xsl:template>

  <!-- Previous and next documents in the index's order, when the build names them. -->
  <xsl:template name="tk:sequence">
    <xsl:if test="$prev-stem or $next-stem">
      <nav class="sequence" aria-label="{tk:label('sequence')}">
        <xsl:if test="$prev-stem">
          <a rel="prev" href="{tk:href(tk:path-segment($prev-stem) || $page-extension)}"><span class="dir">← {tk:label('previous')}</span> {$prev-title}</a>
        </xsl:if>
        <xsl:if test="$next-stem">
          <a rel="next" href="{tk:href(tk:path-segment($next-stem) || $page-extension)}"><span class="dir">{tk:label('next')} →</span> {$next-title}</a>
        </xsl:if>
      </nav>
    </xsl:if>
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

  <!-- A paragraph of the body outside any turn is a passage of its own: a permalink and its citation. -->
  <xsl:template match="body//p[not(ancestor::sp or ancestor::list or ancestor::note or ancestor::p
      or ancestor::quote or ancestor::opener or ancestor::closer)]">
    <xsl:variable name="id" select="tk:paragraph-id(.)"/>
    <div class="passage">
      <div class="passage-tools">
        <a class="permalink" href="{tk:href(tk:passage-url(., $id))}"
            aria-label="{tk:label('paragraph-link')} {tk:passage-number(.)}">¶</a>
        <xsl:text> </xsl:text>
        <xsl:call-template name="tk:cite-passage">
          <xsl:with-param name="id" select="$id"/>
        </xsl:call-template>
      </div>
      <p id="{$id}">
        <xsl:apply-templates/>
      </p>
    </div>
  </xsl:template>

  <xsl:template match="quote[p]">
    <blockquote>
      <xsl:apply-templates/>
    </blockquote>
  </xsl:template>

  <!-- The field block of a record (time, place, those present: list type="fields"), folded under its
       own labels, so the turns start on the first screen; its names are also in the participants. -->
  <xsl:template match="body//list[@type = 'fields'][label]">
    <details class="fold fields">
      <summary>{string-join(label ! replace(normalize-space(), ':$', ''), ' · ')}</summary>
      <xsl:next-match/>
    </details>
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
