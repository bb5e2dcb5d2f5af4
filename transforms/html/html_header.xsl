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
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:template match="teiHeader" mode="tk:card">
    <xsl:variable name="tei" select="parent::TEI"/>
    <xsl:variable name="type" select="tk:doc-type($tei)"/>
    <header class="card">
      <xsl:if test="$type">
        <p class="kicker">{$type}</p>
      </xsl:if>
      <h1>{tk:title($tei)}</h1>
      <dl class="meta">
        <xsl:apply-templates select="tk:date($tei)" mode="tk:card"/>
        <xsl:for-each select="tk:facts($tei)[normalize-space(?value)]">
          <dt>{?label}</dt>
          <dd>{?value}</dd>
        </xsl:for-each>
        <xsl:apply-templates select="profileDesc/settingDesc/setting" mode="tk:card"/>
        <xsl:apply-templates select="(fileDesc/sourceDesc//ref[@target])[1]" mode="tk:card"/>
        <xsl:if test="$tei-link">
          <dt>{tk:label('tei-source')}</dt>
          <dd><a href="{tk:href(tk:path-segment(tk:stem($tei)) || '.xml')}" type="application/tei+xml">{tk:stem($tei)}.xml</a></dd>
        </xsl:if>
      </dl>
      <xsl:apply-templates select="profileDesc/abstract" mode="tk:card"/>
    </header>
  </xsl:template>

  <!-- Cite this: Chicago style and BibTeX, with the page's permanent URL. -->
  <xsl:template match="teiHeader" mode="tk:cite">
    <xsl:variable name="tei" select="parent::TEI"/>
    <xsl:variable name="url" select="$site-url || tk:path-segment(tk:stem($tei)) || $page-extension"/>
    <xsl:variable name="date" select="normalize-space(tk:date($tei))"/>
    <xsl:variable name="translators" select="tk:join-names(fileDesc/titleStmt/respStmt[resp = 'translation']/persName ! normalize-space())"/>
    <xsl:variable name="archive" select="tk:idno($tei, 'archive')"/>
    <xsl:variable name="publisher" select="normalize-space(fileDesc/sourceDesc//publisher[1])"/>
    <section class="cite" aria-labelledby="cite-heading">
      <h2 id="cite-heading">{tk:label('cite')}</h2>
      <p class="chicago">“{tk:title($tei)},” {$date}<xsl:if test="$archive">, {$archive}</xsl:if><xsl:if test="$translators">,
        {tk:label('translated-by')} {$translators}</xsl:if>. <xsl:if test="$publisher">{$publisher}. </xsl:if><a href="{tk:href($url)}">{$url}</a>.</p>
      <pre class="bibtex"><code>@misc{{{tk:stem($tei)},
  title = {{{tk:title($tei)}}},
  date = {{{substring((fileDesc/sourceDesc//date/@when)[1], 1, 10)}}},
  note = {{{string-join(($archive, if ($translators) then tk:label('translated-by') || ' ' || $translators else ()), '; ')}}},
  publisher = {{{$publisher}}},
  url = {{{$url}}}
}}</code></pre>
    </section>
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

  <xsl:template match="ref" mode="tk:card">
    <dt>{tk:label('source')}</dt>
    <dd>
      <xsl:choose>
        <xsl:when test="exists(tk:href(@target))"><a href="{tk:href(@target)}">{normalize-space()}</a></xsl:when>
        <xsl:otherwise>{normalize-space()}</xsl:otherwise>
      </xsl:choose>
    </dd>
  </xsl:template>

  <xsl:template match="abstract" mode="tk:card">
    <section class="summary" aria-labelledby="summary-heading">
      <h2 id="summary-heading">{tk:label('summary')}</h2>
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <!-- The participants panel: one list per side or group, one entry per person. -->
  <xsl:template match="particDesc" mode="tk:participants">
    <section class="people" id="participants" aria-labelledby="participants-heading">
      <h2 id="participants-heading">{tk:label('participants')}</h2>
      <xsl:apply-templates select="listPerson | person" mode="tk:participants"/>
    </section>
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
