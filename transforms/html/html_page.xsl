<?xml version="1.0" encoding="UTF-8"?>
<!-- SPDX-License-Identifier: MIT -->
<!--
  The frame every HTML page shares: <head> with the inline style sheet, the site header with the
  skip link. Included by html.xsl (document pages) and index.xsl (the index page).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tk="urn:x-teikit:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:output method="html" version="5" html-version="5" encoding="UTF-8" indent="no"
      include-content-type="no"/>

  <!-- <head>: character set, viewport, title and the style sheet. -->
  <xsl:template name="tk:html-head">
    <xsl:param name="title" as="xs:string" required="yes"/>
    <!-- More of the head: a document page's canonical link and citation meta tags. -->
    <xsl:param name="meta" as="element()*" select="()"/>
    <!-- More rules from the page's own modules (the editorial marks of a document page). -->
    <xsl:param name="extra-css" as="xs:string" select="''"/>
    <head>
      <meta charset="utf-8"/>
      <meta name="viewport" content="width=device-width, initial-scale=1"/>
      <title>{$title}</title>
      <xsl:sequence select="$meta"/>
      <style>{$tk:css}{$extra-css}</style>
    </head>
  </xsl:template>

  <!-- The skip link and the bar naming the edition, linking home unless this is the index. -->
  <xsl:template name="tk:site-header">
    <xsl:param name="home" as="xs:string?"/>
    <!-- The path from this page to the site's root: "" or "../". -->
    <xsl:param name="root" as="xs:string" select="''"/>
    <!-- The index this page is, if it is one: "documents", or a register folder ("persons"…). -->
    <xsl:param name="current" as="xs:string?"/>
    <a class="skip" href="#main">{tk:label('skip')}</a>
    <header class="site">
      <xsl:choose>
        <xsl:when test="$home">
          <a href="{tk:href($home)}">{$site-title}</a>
        </xsl:when>
        <xsl:otherwise>
          <span>{$site-title}</span>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:choose>
        <xsl:when test="$register-links">
          <nav aria-label="{tk:label('indexes')}">
            <xsl:for-each select="'documents', 'persons', 'places', 'orgs'">
              <xsl:variable name="href" select="$root || (if (. eq 'documents') then 'index' else . || '/index') || $page-extension"/>
              <a href="{tk:href($href)}"><xsl:if test=". eq $current"><xsl:attribute name="aria-current" select="'page'"/></xsl:if>{tk:label(.)}</a>
            </xsl:for-each>
          </nav>
        </xsl:when>
        <xsl:when test="$home">
          <a href="{tk:href($home)}">{tk:label('all-documents')}</a>
        </xsl:when>
      </xsl:choose>
    </header>
  </xsl:template>

  <!-- One style sheet for every page: narrow screens first, print without the chrome. -->
  <xsl:variable name="tk:css" as="xs:string" expand-text="no">
:root { --ink: #1f1f24; --muted: #5a5a66; --rule: #d6d6dc; --tint: #f4f4f6; --accent: #1b4d8f; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; overflow-wrap: anywhere;
  font: 1.0625rem/1.6 Georgia, "Times New Roman", serif; }
a { color: var(--accent); }
.site, main { max-width: 48rem; margin: 0 auto; padding: 0 1rem; }
.site { display: flex; flex-wrap: wrap; justify-content: space-between; gap: .5rem 1rem;
  padding-top: .6rem; padding-bottom: .6rem; border-bottom: 1px solid var(--rule); font: .9rem/1.4 system-ui, sans-serif; }
.site nav { display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
.site [aria-current] { font-weight: 700; text-decoration: none; color: inherit; }
.skip { position: absolute; left: -100vw; }
.skip:focus { left: 1rem; top: .5rem; background: #fff; padding: .2rem .5rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: .5rem 0 1rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .75rem; padding-bottom: .2rem; border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
.kicker, .meta, .speaker, th, .views { font-family: system-ui, sans-serif; }
.kicker { margin: 1.5rem 0 0; color: var(--muted); font-size: .85rem; text-transform: uppercase; letter-spacing: .05em; }
.card { background: var(--tint); border-radius: .4rem; margin-top: 1rem; padding: .25rem 1.25rem 1rem; }
.card h2 { border: 0; font-size: 1rem; margin: 1rem 0 .25rem; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; font-size: .95rem; margin: 0; }
.meta dt { font-weight: 600; }
.meta dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
.meta ul { margin: 0; padding-left: 1.1rem; }
pre.bibtex { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--tint); padding: .75rem 1rem; border-radius: .4rem; }
.mentions li { margin: .3rem 0; }
.mentions mark { background: none; color: inherit; font-weight: 700; }
.mentions .where { color: var(--muted); font-family: system-ui, sans-serif; font-size: .9rem; }
.people ul { list-style: none; padding: 0; }
.people li { margin: .3rem 0; }
.people .role, .variants, .speaker-label, .permalink, .stage, .pb { color: var(--muted); }
.card .byline { margin: 0 0 .5rem; font-family: system-ui, sans-serif; font-size: .95rem; }
.card .byline .kicker { font-size: .8rem; }
.card h1 { margin: 1rem 0 .25rem; }
.folds { display: flex; flex-wrap: wrap; gap: .4rem; align-items: flex-start; }
details.fold { font-size: .95rem; }
details.fold > summary { cursor: pointer; display: inline-block; padding: .1rem .5rem; border: 1px solid var(--rule);
  border-radius: .4rem; background: #fff; font: 600 .85rem/1.5 system-ui, sans-serif; }
details.fold > summary h2 { display: inline; border: 0; font: inherit; margin: 0; padding: 0; }
details.fields { margin: .5rem 0; }
details.fields > summary { font-weight: 400; }
details.fold[open] { flex-basis: 100%; }
details.fold[open] > summary { margin-bottom: .5rem; }
.downloads ul { margin: 0; font-family: system-ui, sans-serif; }
.text > h2 { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.contents ol, .contents ul { margin: .25rem 0 .75rem; }
ul.inline { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .2rem 1rem; }
.sequence { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 1rem; margin: 2.5rem 0 2rem;
  padding-top: 1rem; border-top: 1px solid var(--rule); font-family: system-ui, sans-serif; font-size: .95rem; }
.sequence a { display: block; max-width: 22rem; }
.sequence [rel="next"] { margin-left: auto; text-align: right; }
.sequence .dir { display: block; font-weight: 600; }
.cite-passage { float: right; margin-left: .5rem; font-family: system-ui, sans-serif; font-size: .8rem; color: var(--muted); }
.passage-tools { float: right; margin-left: .5rem; font-family: system-ui, sans-serif; font-size: .8rem; }
.passage-tools .cite-passage { float: none; display: inline-block; margin: 0; }
.passage-tools .cite-passage[open] { display: block; }
.cite-passage > summary { cursor: pointer; }
.cite-passage[open] { float: none; margin: .25rem 0 .5rem; padding: .5rem .75rem; background: var(--tint); border-radius: .4rem; font-size: .9rem; color: var(--ink); }
.cite-passage p { margin: .25rem 0 0; }
.sp:target, .passage > p:target { background: #fff6d6; outline: 2px solid #e0b400; outline-offset: .25rem; border-radius: .2rem; }
.sp, .passage > p { scroll-margin-top: 1rem; }
.passage::after { content: ""; display: block; clear: both; }
.opener { margin: 1rem 0; }
.opener .classification { font-weight: 600; }
dl.fields dt { font-weight: 600; }
dl.fields dd { margin: 0 0 .5rem 1.5rem; }
.sp { margin: 1.25rem 0; }
.sp > p { margin: .25rem 0; }
.speaker { font-size: .95rem; }
.who { font-weight: 700; }
.permalink { text-decoration: none; }
.stage { font-style: italic; }
.pb::before { content: "|"; padding: 0 .2em; }
.pb .page-number { font-family: system-ui, sans-serif; font-size: .8rem; font-style: normal; white-space: nowrap; }
@media (min-width: 64rem) {
  .text { position: relative; }
  .pb .page-number { position: absolute; left: -4.5rem; width: 3.75rem; text-align: right; }
}
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.note-ref { font-size: .75em; vertical-align: super; line-height: 0; }
.notes { font-size: .95rem; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
th, td { text-align: left; vertical-align: top; padding: .4rem .5rem; border-bottom: 1px solid var(--rule); }
td.num { text-align: right; }
@media (max-width: 36rem) {
  body { font-size: 1rem; }
  h1 { font-size: 1.25rem; }
  .card { padding: .1rem .75rem .75rem; }
  .card h1 { margin-top: .6rem; }
  .site { padding-top: .4rem; padding-bottom: .4rem; }
  .meta { grid-template-columns: 1fr; }
  .meta dd { margin-bottom: .4rem; }
  thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  tr, td { display: block; border: 0; padding: .1rem 0; }
  tr { border-bottom: 1px solid var(--rule); padding: .5rem 0; }
  td.num { text-align: left; }
  td[data-label]::before { content: attr(data-label) ": "; }
}
@media print {
  body { font-size: 11pt; }
  .site, .skip, .views, .permalink, .cite-passage, .folds, .sequence, .downloads { display: none; }
  a { color: inherit; text-decoration: none; }
  .card { background: none; border: 1px solid var(--rule); }
  .sp { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
}
</xsl:variable>

</xsl:stylesheet>
