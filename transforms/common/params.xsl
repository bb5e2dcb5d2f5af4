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

  <!-- Where the site is published, ending in "/" (teikit adds it when missing): every cite, permalink
       and "cite this passage" gives the absolute URL, this + `<stem>` + $page-extension (+ "#" and the
       passage's id), and document pages carry <link rel="canonical"> and citation_public_url. Empty: the
       URLs are relative to the site and the page has no canonical link. `[tool.teikit] base-url`,
       the option base-url of `teikit build` and `teikit render html`. -->
  <xsl:param name="base-url" as="xs:string" select="''"/>

  <!-- Neighbours of this document in the index's order (by date, then title), which `teikit build`
       sets: each is the other document's file stem and its title; empty for none. -->
  <xsl:param name="prev-stem" as="xs:string" select="''"/>
  <xsl:param name="prev-title" as="xs:string" select="''"/>
  <xsl:param name="next-stem" as="xs:string" select="''"/>
  <xsl:param name="next-title" as="xs:string" select="''"/>

  <!-- Link each document page to its reading and diplomatic plain texts, text/<stem>.txt and
       text/<stem>.diplomatic.txt, which `teikit build` publishes beside the pages. -->
  <xsl:param name="text-links" as="xs:boolean" select="false()"/>

  <!-- Link to the corpus download (all TEI and texts, zipped) from every page; empty for none.
       `teikit build` writes it as corpus.zip. -->
  <xsl:param name="corpus-href" as="xs:string" select="''"/>

  <!-- A document page has a table of contents when its text has headings (div/head) or more than
       this many turns and paragraphs: it lists the headings, the page breaks and every turn. -->
  <xsl:param name="toc-threshold" as="xs:integer" select="20"/>

  <!-- Link names to their register pages (persons/, places/, orgs/ beside the page), as
       `teikit build` publishes them; only entries the document's registers hold are linked. -->
  <xsl:param name="register-links" as="xs:boolean" select="false()"/>

  <!-- Column at which the plain-text output wraps its paragraphs. -->
  <xsl:param name="text-width" as="xs:integer" select="78"/>

</xsl:stylesheet>
