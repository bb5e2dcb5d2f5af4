<?xml version="1.0" encoding="UTF-8"?>
<!-- SPDX-License-Identifier: MIT -->
<!--
  Every value a caller may tune. teikit.render passes only parameters declared in the stylesheets
  (it reads them from here and the other modules), and passes every value as xs:untypedAtomic, so
  the declared type below is what Saxon checks and converts to.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    exclude-result-prefixes="#all">

  <!-- Name of the edition, shown in every page's <title> and in the site header. -->
  <xsl:param name="site-title" as="xs:string" select="'teikit edition'"/>

  <!-- Link from a document page back to the index; empty for no link. -->
  <xsl:param name="index-href" as="xs:string" select="'index.html'"/>

  <!-- File extension of a rendered document page: the index links to `<stem>` + this. -->
  <xsl:param name="page-extension" as="xs:string" select="'.html'"/>

  <!-- Link each document page to its TEI source `<stem>.xml`, which the build puts beside the page. -->
  <xsl:param name="tei-link" as="xs:boolean" select="true()"/>

  <!-- HTML view shown first where the text has editorial choices: `reading` (corrected, expanded)
       or `diplomatic` (as the transcript has it); the reader can switch without JavaScript. -->
  <xsl:param name="default-view" as="xs:string" select="'reading'"/>

  <!-- Where the site is published, ending in "/": the cite-this block gives each page's permanent URL
       as this + `<stem>` + $page-extension. Empty: the URL is relative to the site. -->
  <xsl:param name="site-url" as="xs:string" select="''"/>

  <!-- Link names to their register pages (persons/, places/, orgs/ beside the page), as
       `teikit build` publishes them; only entries the document's registers hold are linked. -->
  <xsl:param name="register-links" as="xs:boolean" select="false()"/>

  <!-- Column at which the plain-text output wraps its paragraphs. -->
  <xsl:param name="text-width" as="xs:integer" select="78"/>

</xsl:stylesheet>
