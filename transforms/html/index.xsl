<?xml version="1.0" encoding="UTF-8"?>
<!-- SPDX-License-Identifier: MIT -->
<!--
  The index page: one table row per document (date, type, title linked to its page, number of
  participants). Called by its initial template; reads the digests (common/digest.xsl) of the
  documents named in $documents, never the whole documents.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tk="urn:x-teikit:xslt"
    xmlns:d="urn:x-teikit:digest"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:import href="../common/params.xsl"/>
  <xsl:import href="../common/functions.xsl"/>

  <xsl:include href="html_page.xsl"/>
  <xsl:include href="html_names.xsl"/>

  <!-- The documents to list: absolute URIs of their digests, separated by spaces (teikit.render sets it). -->
  <xsl:param name="documents" as="xs:string" select="''"/>

  <!-- Order of the rows: `date` (then title), `type`, `title`, or `participants` (most first). -->
  <xsl:param name="index-sort" as="xs:string" select="'date'"/>

  <xsl:template name="xsl:initial-template">
    <xsl:variable name="digests" select="tokenize($documents) ! tk:digest(doc(.))"/>
    <html lang="{tk:label('language')}">
      <xsl:call-template name="tk:html-head">
        <xsl:with-param name="title" select="tk:label('documents') || ' — ' || $site-title"/>
      </xsl:call-template>
      <body>
        <xsl:call-template name="tk:site-header">
          <xsl:with-param name="current" select="'documents'"/>
        </xsl:call-template>
        <main id="main">
          <h1>{tk:label('documents')}</h1>
          <xsl:if test="$corpus-href">
            <p class="downloads">{tk:label('download')}: <a href="{tk:href($corpus-href)}" type="application/zip" download="">{tk:label('corpus-long')}</a></p>
          </xsl:if>
          <table>
            <thead>
              <tr>
                <xsl:call-template name="tk:sort-header"><xsl:with-param name="sort" select="'date'"/><xsl:with-param name="label" select="tk:label('date')"/></xsl:call-template>
                <xsl:call-template name="tk:sort-header"><xsl:with-param name="sort" select="'type'"/><xsl:with-param name="label" select="tk:label('document-type')"/></xsl:call-template>
                <xsl:call-template name="tk:sort-header"><xsl:with-param name="sort" select="'title'"/><xsl:with-param name="label" select="tk:label('title')"/></xsl:call-template>
                <xsl:call-template name="tk:sort-header"><xsl:with-param name="sort" select="'participants'"/><xsl:with-param name="label" select="tk:label('participants')"/></xsl:call-template>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$digests">
                <xsl:sort select="if ($index-sort eq 'type') then string(@type)
                    else if ($index-sort eq 'title') then string(@title)
                    else if ($index-sort eq 'participants') then format-number(99999 - xs:integer(@participants), '00000')
                    else string(@date)"/>
                <xsl:sort select="string(@date)"/>
                <xsl:sort select="string(@title)"/>
                <xsl:apply-templates select="." mode="tk:index-row"/>
              </xsl:for-each>
            </tbody>
          </table>
        </main>
      </body>
    </html>
  </xsl:template>

  <!-- Sorting without JavaScript: each column heading links to the index pre-sorted by it. -->
  <xsl:template name="tk:sort-header">
    <xsl:param name="sort" as="xs:string"/>
    <xsl:param name="label" as="xs:string"/>
    <th scope="col">
      <xsl:if test="$sort eq 'participants'"><xsl:attribute name="class" select="'num'"/></xsl:if>
      <xsl:choose>
        <xsl:when test="$sort eq $index-sort">
          <xsl:attribute name="aria-sort" select="if ($sort eq 'participants') then 'descending' else 'ascending'"/>
          {$label}
        </xsl:when>
        <xsl:otherwise>
          <a href="{tk:href(tk:index-page($sort))}">{$label}</a>
        </xsl:otherwise>
      </xsl:choose>
    </th>
  </xsl:template>

  <!-- The file of the index sorted by $sort: index.html for date, index-by-<sort>.html otherwise. -->
  <xsl:function name="tk:index-page" as="xs:string">
    <xsl:param name="sort" as="xs:string"/>
    <xsl:sequence select="(if ($sort eq 'date') then 'index' else 'index-by-' || $sort) || $page-extension"/>
  </xsl:function>

  <xsl:template match="d:digest" mode="tk:index-row">
    <tr>
      <td>
        <xsl:for-each select="*[not(self::d:*)]">
          <xsl:call-template name="tk:time"/>
        </xsl:for-each>
      </td>
      <td>{@type}</td>
      <td><a href="{tk:href(tk:path-segment(@stem) || $page-extension)}">{@title}</a></td>
      <td class="num" data-label="{tk:label('participants')}">{@participants}</td>
    </tr>
  </xsl:template>

</xsl:stylesheet>
