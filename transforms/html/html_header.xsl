<?xml version="1.0" encoding="UTF-8"?>
<!-- SPDX-License-Identifier: MIT -->
<!--
  The teiHeader as the page shows it: the header card (title, date, archive reference, record,
  responsibilities, languages, setting, summary, links) and the participants panel, whose entries
  are the targets of every persName/@ref and sp/@who link.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tk="urn:x-teikit:xslt"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- The card: what the document is, in a few lines; the details, the citation, the participants,
       the contents, the downloads and the source's front matter folded below it, so the text starts
       on the first screen. -->
  <xsl:template match="teiHeader" mode="tk:card">
    <xsl:variable name="tei" select="parent::TEI"/>
    <xsl:variable name="type" select="tk:doc-type($tei)"/>
    <header class="card">
      <h1>{tk:title($tei)}</h1>
      <xsl:variable name="archive" select="tk:idno($tei, 'archive')"/>
      <xsl:if test="$type or exists(tk:date($tei)) or $archive">
        <p class="byline">
          <xsl:if test="$type"><span class="kicker">{$type}</span> · </xsl:if>
          <xsl:apply-templates select="tk:date($tei)" mode="tk:byline"/>
          <xsl:if test="exists(tk:date($tei)) and $archive"> · </xsl:if>
          <xsl:if test="$archive"><span class="archive">{$archive}</span></xsl:if>
        </p>
      </xsl:if>
      <div class="folds">
        <details class="fold about">
          <summary><h2>{tk:label('about')}</h2></summary>
          <dl class="meta">
            <xsl:apply-templates select="tk:date($tei)" mode="tk:card"/>
            <xsl:for-each select="tk:facts($tei)[normalize-space(?value)]">
              <dt>{?label}</dt>
              <dd>{?value}</dd>
            </xsl:for-each>
            <xsl:apply-templates select="profileDesc/settingDesc/setting" mode="tk:card"/>
            <xsl:apply-templates select="(fileDesc/sourceDesc//ref[@target])[1]" mode="tk:card"/>
          </dl>
          <xsl:apply-templates select="profileDesc/abstract" mode="tk:card"/>
        </details>
        <xsl:apply-templates select="." mode="tk:cite"/>
        <xsl:apply-templates select="profileDesc/particDesc[.//person]" mode="tk:participants"/>
        <xsl:call-template name="tk:contents"/>
        <xsl:apply-templates select="../text/front"/>
        <xsl:call-template name="tk:downloads"/>
      </div>
    </header>
  </xsl:template>

  <!-- The files of this document a reader can take away: its TEI, its plain texts, the corpus. -->
  <xsl:template name="tk:downloads">
    <xsl:variable name="stem" select="tk:path-segment(tk:stem(/TEI))"/>
    <xsl:if test="$tei-link or $text-links or $corpus-href">
      <details class="fold downloads">
        <summary><h2>{tk:label('download')}</h2></summary>
        <ul>
          <xsl:if test="$tei-link">
            <li><a href="{tk:href($stem || '.xml')}" type="application/tei+xml" download="">{tk:label('tei-source')}</a> ({tk:stem(/TEI)}.xml)</li>
          </xsl:if>
          <xsl:if test="$text-links">
            <li><a href="{tk:href('text/' || $stem || '.txt')}" type="text/plain" download="">{tk:label('reading-text')}</a> ({tk:label('reading-hint')})</li>
            <li><a href="{tk:href('text/' || $stem || '.diplomatic.txt')}" type="text/plain" download="">{tk:label('diplomatic-text')}</a> ({tk:label('diplomatic-hint')})</li>
          </xsl:if>
          <xsl:if test="$corpus-href">
            <li><a href="{tk:href($corpus-href)}" type="application/zip" download="">{tk:label('corpus')}</a></li>
          </xsl:if>
        </ul>
      </details>
    </xsl:if>
  </xsl:template>

  <!-- Highwire Press / Zotero meta tags, and the canonical URL when the site's base URL is known. -->
  <xsl:template match="teiHeader" mode="tk:meta">
    <xsl:variable name="tei" select="parent::TEI"/>
    <xsl:variable name="when" select="tk:date-iso($tei)"/>
    <xsl:variable name="publisher" select="normalize-space(fileDesc/sourceDesc//publisher[1])"/>
    <xsl:if test="$tk:base">
      <link rel="canonical" href="{tk:href(tk:page-url($tei))}"/>
    </xsl:if>
    <meta name="citation_title" content="{tk:title($tei)}"/>
    <xsl:if test="matches($when, '^\d{4}')">
      <meta name="citation_date" content="{replace(substring($when, 1, 10), '-', '/')}"/>
    </xsl:if>
    <xsl:if test="$publisher">
      <meta name="citation_publisher" content="{$publisher}"/>
    </xsl:if>
    <xsl:for-each select="tk:idno($tei, 'archive')[.]">
      <meta name="citation_archive_location" content="{.}"/>
    </xsl:for-each>
    <xsl:for-each select="$tei/@xml:lang[normalize-space() and . ne 'und']">
      <meta name="citation_language" content="{.}"/>
    </xsl:for-each>
    <xsl:if test="$tk:base">
      <meta name="citation_public_url" content="{tk:page-url($tei)}"/>
    </xsl:if>
  </xsl:template>

  <!-- Cite this: Chicago style and BibTeX, with the page's permanent URL. -->
  <xsl:template match="teiHeader" mode="tk:cite">
    <xsl:variable name="tei" select="parent::TEI"/>
    <xsl:variable name="url" select="tk:page-url($tei)"/>
    <xsl:variable name="date" select="normalize-space(tk:date($tei))"/>
    <xsl:variable name="translators" select="tk:join-names(fileDesc/titleStmt/respStmt[resp = 'translation']/persName ! normalize-space())"/>
    <xsl:variable name="archive" select="tk:idno($tei, 'archive')"/>
    <xsl:variable name="publisher" select="normalize-space(fileDesc/sourceDesc//publisher[1])"/>
    <details class="fold cite">
      <summary><h2 id="cite-heading">{tk:label('cite')}</h2></summary>
      <p class="chicago">“{tk:title($tei)},” {$date}<xsl:if test="$archive">, {$archive}</xsl:if><xsl:if test="$translators">,
        {tk:label('translated-by')} {$translators}</xsl:if>. <xsl:if test="$publisher">{$publisher}. </xsl:if><a href="{tk:href($url)}">{$url}</a>.</p>
      <pre class="bibtex"><code>@misc{{{tk:stem($tei)},
  title = {{{tk:title($tei)}}},
  date = {{{substring((fileDesc/sourceDesc//date/@when)[1], 1, 10)}}},
  note = {{{string-join(($archive, if ($translators) then tk:label('translated-by') || ' ' || $translators else ()), '; ')}}},
  publisher = {{{$publisher}}},
  url = {{{$url}}}
}}</code></pre>
    </details>
  </xsl:template>

  <!-- The URL of a passage (a turn or paragraph) with id `$id`: absolute when $base-url is set. -->
  <xsl:function name="tk:passage-url" as="xs:string">
    <xsl:param name="node" as="element()"/>
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="(if ($tk:base) then tk:page-url(root($node)/TEI) else '') || '#' || $id"/>
  </xsl:function>

  <!-- A passage's number as readers count: its turn, else its paragraph among the body's passages. -->
  <xsl:function name="tk:passage-number" as="xs:integer">
    <xsl:param name="node" as="element()"/>
    <xsl:sequence select="tk:passage-numbers(root($node))(generate-id($node))"/>
  </xsl:function>

  <!-- The numbers of the passages of the document `$root` by generate-id: turns counted from the
       first, and apart the body's paragraphs outside turns, lists, notes, quotes, openers and closers
       (the paragraphs html.xsl makes passages of); made once per document (cache). -->
  <xsl:function name="tk:passage-numbers" as="map(xs:string, xs:integer)" cache="yes">
    <xsl:param name="root" as="node()"/>
    <xsl:variable name="turns" select="$root//text//sp"/>
    <xsl:variable name="paragraphs" select="$root//body//p[not(ancestor::sp or ancestor::list or ancestor::note
        or ancestor::p or ancestor::quote or ancestor::opener or ancestor::closer)]"/>
    <xsl:sequence select="map:merge((
        for $i in 1 to count($turns) return map {generate-id($turns[$i]): $i},
        for $i in 1 to count($paragraphs) return map {generate-id($paragraphs[$i]): $i}))"/>
  </xsl:function>

  <!-- Cite this passage, folded: the document's citation narrowed to the page and the turn or
       paragraph, with the passage's permanent URL. The context item is the sp or p. -->
  <xsl:template name="tk:cite-passage">
    <xsl:param name="id" as="xs:string"/>
    <xsl:variable name="tei" select="root(.)/TEI"/>
    <xsl:variable name="url" select="tk:passage-url(., $id)"/>
    <xsl:variable name="what" select="tk:label(if (self::sp) then 'turn' else 'paragraph') || ' ' || tk:passage-number(.)"/>
    <xsl:variable name="where" select="string-join((tk:pages-cited(tk:pages(.))[.], lower-case($what)
        || (if (self::sp) then ' (' || tk:speaker-name(.) || ')' else '')), ', ')"/>
    <details class="cite-passage">
      <summary>{tk:label('cite-short')}<span class="visually-hidden"> {lower-case($what)}</span></summary>
      <p>“{tk:title($tei)},” {normalize-space(tk:date($tei))}<xsl:for-each select="tk:idno($tei, 'archive')[.]">, {.}</xsl:for-each>, {$where}. <a href="{tk:href($url)}">{$url}</a>.</p>
    </details>
  </xsl:template>

  <xsl:template match="date | docDate" mode="tk:card">
    <dt>{tk:label('date')}</dt>
    <dd><xsl:call-template name="tk:time"/></dd>
  </xsl:template>

  <xsl:template match="setting" mode="tk:card">
    <dt>{tk:label('setting')}</dt>
    <dd>
      <xsl:for-each select="*">
        <xsl:if test="position() gt 1">, </xsl:if>
        <xsl:apply-templates select="."/>
      </xsl:for-each>
    </dd>
  </xsl:template>

  <!-- The record at the archive, as the transcript gives it; an address on a test or staging host
       (tk:is-staging) is shown as text, never linked. -->
  <xsl:template match="ref" mode="tk:card">
    <dt>{tk:label('source')}</dt>
    <dd>
      <xsl:choose>
        <xsl:when test="exists(tk:href(@target)) and not(tk:is-staging(@target))"><a href="{tk:href(@target)}">{normalize-space()}</a></xsl:when>
        <xsl:otherwise>{normalize-space()}</xsl:otherwise>
      </xsl:choose>
    </dd>
  </xsl:template>

  <xsl:template match="abstract" mode="tk:card">
    <section class="summary" aria-labelledby="summary-heading">
      <h3 id="summary-heading">{tk:label('summary')}</h3>
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <xsl:template match="date | docDate" mode="tk:byline">
    <xsl:call-template name="tk:time"/>
  </xsl:template>

  <!-- The participants panel: one list per side or group, one entry per person. -->
  <xsl:template match="particDesc" mode="tk:participants">
    <details class="fold people" id="participants">
      <summary><h2 id="participants-heading">{tk:label('participants')} ({count(.//person)})</h2></summary>
      <xsl:apply-templates select="listPerson | person" mode="tk:participants"/>
    </details>
  </xsl:template>

  <xsl:template match="listPerson" mode="tk:participants">
    <xsl:variable name="heading" select="normalize-space((head, @type[. ne 'side'] ! tk:label(.))[1])"/>
    <xsl:if test="$heading">
      <h3>{$heading}</h3>
    </xsl:if>
    <xsl:if test="person">
      <ul>
        <xsl:apply-templates select="person" mode="tk:participants"/>
      </ul>
    </xsl:if>
    <xsl:apply-templates select="listPerson" mode="tk:participants"/>
  </xsl:template>

  <xsl:template match="particDesc/person" mode="tk:participants">
    <ul>
      <xsl:next-match/>
    </ul>
  </xsl:template>

  <xsl:template match="person" mode="tk:participants" priority="-1">
    <xsl:variable name="variants" select="tk:person-variants(.)"/>
    <li id="{tk:person-anchor(.)}">
      <xsl:variable name="page" select="tk:register-link(., tk:register-pointers(.))"/>
      <b>
        <xsl:choose>
          <xsl:when test="$page"><a href="{tk:href($page)}">{tk:person-name(.)}</a></xsl:when>
          <xsl:otherwise>{tk:person-name(.)}</xsl:otherwise>
        </xsl:choose>
      </b>
      <xsl:for-each select="occupation">, {normalize-space()}</xsl:for-each>
      <xsl:if test="tk:roles(@role)">
        <span class="role"> ({tk:roles(@role)})</span>
      </xsl:if>
      <xsl:if test="exists($variants)">
        <span class="variants"> — {tk:label('also-written')} {string-join($variants, '; ')}</span>
      </xsl:if>
    </li>
  </xsl:template>

</xsl:stylesheet>
