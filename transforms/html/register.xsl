<?xml version="1.0" encoding="UTF-8"?>
<!-- SPDX-License-Identifier: MIT -->
<!--
  Register pages: one page per entry of a register (persons, places or organisations) and the
  register's index, each written with xsl:result-document (<folder>/<id>.html, <folder>/index.html).
  An entry's page gives its names, roles, authority ids and coordinates, the documents that attest
  it, and every mention across the documents in $documents, each linked to its turn or paragraph.
  Called by its initial template.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tk="urn:x-teikit:xslt"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:d="urn:x-teikit:digest"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:import href="../common/params.xsl"/>
  <xsl:import href="../common/functions.xsl"/>

  <xsl:include href="html_page.xsl"/>

  <!-- The documents whose mentions the pages list: absolute URIs of their digests (common/digest.xsl),
       separated by spaces (teikit.render sets it). Their pages are expected one folder up, as
       <stem> + $page-extension. -->
  <xsl:param name="documents" as="xs:string" select="''"/>

  <!-- The register: the absolute URI of a TEI file holding a listPerson, listPlace or listOrg
       (teikit.render sets it). -->
  <xsl:param name="register" as="xs:string" select="''"/>

  <xsl:variable name="tk:prefixes" as="map(xs:string, xs:string)"
      select="map {'listPerson': 'per', 'listPlace': 'pla', 'listOrg': 'org'}"/>

  <xsl:template name="xsl:initial-template">
    <xsl:variable name="list" select="(doc($register)/TEI/text//(listPerson | listPlace | listOrg))[1]"/>
    <xsl:variable name="prefix" select="($list ! $tk:prefixes(local-name()),
        error(QName('urn:x-teikit:xslt', 'not-a-register'), $register || ' has no listPerson, listPlace or listOrg'))[1]"/>
    <xsl:variable name="folder" select="$tk:register-folders($prefix)"/>
    <xsl:variable name="all" select="$list//(person | place | org)[@xml:id]"/>
    <!-- An alias (sameAs="#id") stands for another entry: its mentions go to that entry's page. -->
    <xsl:variable name="aliases" select="$all[starts-with(@sameAs, '#')]"/>
    <xsl:variable name="entries" select="$all except $aliases"/>
    <xsl:variable name="alias-of" as="map(xs:string, xs:string)"
        select="map:merge($aliases ! map:entry(string(@xml:id), substring(normalize-space(@sameAs), 2)))"/>
    <xsl:variable name="digests" select="tokenize($documents) ! tk:digest(doc(.))"/>
    <!-- Every mention in every document that stands for an entry: participants, turns, names. -->
    <xsl:variable name="mentions" as="map(xs:string, element(d:m)*)">
      <xsl:map>
        <xsl:for-each-group select="$digests/d:m"
            group-by="distinct-values(tokenize(@ptr)[starts-with(., $prefix || ':')]
                ! substring-after(., ':') ! ($alias-of(.), .)[1])">
          <xsl:map-entry key="current-grouping-key()" select="current-group()"/>
        </xsl:for-each-group>
      </xsl:map>
    </xsl:variable>
    <xsl:variable name="by-stem" as="map(xs:string, element(d:digest))"
        select="map:merge($digests ! map:entry(string(@stem), .), map {'duplicates': 'use-first'})"/>
    <xsl:for-each select="$entries">
      <xsl:result-document href="{tk:output-file($folder, @xml:id)}">
        <xsl:apply-templates select="." mode="tk:entry-page">
          <xsl:with-param name="folder" select="$folder" tunnel="yes"/>
          <xsl:with-param name="by-stem" select="$by-stem" tunnel="yes"/>
          <xsl:with-param name="found" select="$mentions(string(@xml:id))"/>
        </xsl:apply-templates>
      </xsl:result-document>
    </xsl:for-each>
    <xsl:for-each select="$aliases">
      <xsl:result-document href="{tk:output-file($folder, @xml:id)}">
        <xsl:apply-templates select="." mode="tk:alias-page">
          <xsl:with-param name="folder" select="$folder"/>
          <xsl:with-param name="target" select="$entries[@xml:id = $alias-of(current()/@xml:id)]"/>
        </xsl:apply-templates>
      </xsl:result-document>
    </xsl:for-each>
    <xsl:result-document href="{tk:output-file($folder, 'index')}">
      <xsl:call-template name="tk:register-index">
        <xsl:with-param name="folder" select="$folder"/>
        <xsl:with-param name="entries" select="$entries"/>
        <xsl:with-param name="mentions" select="$mentions"/>
      </xsl:call-template>
    </xsl:result-document>
  </xsl:template>

  <!-- A page in a register's folder: the shared head and site header around `$main`'s content. -->
  <xsl:template name="tk:register-frame">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="current" as="xs:string?"/>
    <xsl:param name="main" as="node()*"/>
    <html lang="{tk:label('language')}">
      <xsl:call-template name="tk:html-head">
        <xsl:with-param name="title" select="$title || ' — ' || $site-title"/>
      </xsl:call-template>
      <body>
        <xsl:call-template name="tk:site-header">
          <xsl:with-param name="home" select="'../index' || $page-extension"/>
          <xsl:with-param name="root" select="'../'"/>
          <xsl:with-param name="current" select="$current"/>
        </xsl:call-template>
        <main id="main">
          <xsl:sequence select="$main"/>
        </main>
      </body>
    </html>
  </xsl:template>

  <!-- The name an entry goes by: its first name that is not a variant. -->
  <xsl:function name="tk:entry-name" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="names" select="$entry/(persName | placeName | orgName)"/>
    <xsl:sequence select="normalize-space(($names[not(@type = 'variant')], $names, $entry/@xml:id)[1])"/>
  </xsl:function>

  <!-- The register's index: every entry with its other names and counts of documents and mentions. -->
  <xsl:template name="tk:register-index">
    <xsl:param name="folder" as="xs:string"/>
    <xsl:param name="entries" as="element()*"/>
    <xsl:param name="mentions" as="map(xs:string, element()*)"/>
    <xsl:call-template name="tk:register-frame">
      <xsl:with-param name="title" select="tk:label($folder)"/>
      <xsl:with-param name="current" select="$folder"/>
      <xsl:with-param name="main">
          <h1>{tk:label($folder)}</h1>
          <p class="hint">{count($entries)} {tk:label('entries')}</p>
          <table>
            <thead>
              <tr>
                <th scope="col">{tk:label('name')}</th>
                <th scope="col">{tk:label('variants')}</th>
                <th scope="col" class="num">{tk:label('documents')}</th>
                <th scope="col" class="num">{tk:label('mentions')}</th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$entries">
                <xsl:sort select="lower-case(tk:entry-name(.))"/>
                <xsl:variable name="found" select="$mentions(string(@xml:id))"/>
                <xsl:variable name="attested" select="note[@type = 'attestation']/ref/@target ! tk:file-stem(.)"/>
                <tr>
                  <td><a href="{tk:href(tk:path-segment(@xml:id) || $page-extension)}">{tk:entry-name(.)}</a></td>
                  <td>
                    <xsl:if test="exists(tk:entry-variants(.))">
                      <xsl:attribute name="data-label" select="tk:label('variants')"/>
                    </xsl:if>
                    <xsl:value-of select="string-join(tk:entry-variants(.), '; ')"/>
                  </td>
                  <td class="num" data-label="{tk:label('documents')}">{count(distinct-values(($found/../@stem, $attested)))}</td>
                  <td class="num" data-label="{tk:label('mentions')}">{count($found)}</td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:function name="tk:entry-variants" as="xs:string*">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="distinct-values($entry/(persName | placeName | orgName) ! normalize-space())
        [. ne tk:entry-name($entry)]"/>
  </xsl:function>

  <!-- One entry's page. -->
  <xsl:template match="*" mode="tk:entry-page">
    <xsl:param name="folder" as="xs:string" tunnel="yes"/>
    <xsl:param name="found" as="element(d:m)*"/>
    <xsl:variable name="name" select="tk:entry-name(.)"/>
    <xsl:call-template name="tk:register-frame">
      <xsl:with-param name="title" select="$name || ' — ' || tk:label($folder)"/>
      <xsl:with-param name="main">
          <p class="kicker"><a href="{tk:href('index' || $page-extension)}">{tk:label($folder)}</a></p>
          <h1>{$name}</h1>
          <dl class="meta">
            <xsl:if test="exists(tk:entry-variants(.))">
              <dt>{tk:label('variants')}</dt>
              <dd>{string-join(tk:entry-variants(.), '; ')}</dd>
            </xsl:if>
            <xsl:if test="occupation | roleName | affiliation">
              <dt>{tk:label('roles')}</dt>
              <dd>
                <ul>
                  <xsl:for-each select="occupation | roleName | affiliation">
                    <li>
                      {normalize-space()}
                      <xsl:for-each select="tokenize(@source)">
                        <xsl:value-of select="if (position() eq 1) then ' (' else '; '"/>
                        <xsl:call-template name="tk:document-link">
                          <xsl:with-param name="stem" select="tk:file-stem(.)"/>
                          <xsl:with-param name="text" select="tk:file-stem(.)"/>
                        </xsl:call-template>
                        <xsl:if test="position() eq last()">)</xsl:if>
                      </xsl:for-each>
                    </li>
                  </xsl:for-each>
                </ul>
              </dd>
            </xsl:if>
            <xsl:apply-templates select="parent::place" mode="tk:entry-within"/>
            <xsl:if test="place[@xml:id]">
              <dt>{tk:label('contains')}</dt>
              <dd>
                <xsl:for-each select="place[@xml:id]">
                  <xsl:if test="position() gt 1">; </xsl:if>
                  <a href="{tk:href(tk:path-segment(@xml:id) || $page-extension)}">{tk:entry-name(.)}</a>
                </xsl:for-each>
              </dd>
            </xsl:if>
            <xsl:if test="idno">
              <dt>{tk:label('authority')}</dt>
              <dd>
                <ul>
                  <xsl:apply-templates select="idno" mode="tk:entry-fact"/>
                </ul>
              </dd>
            </xsl:if>
            <xsl:apply-templates select="location/geo" mode="tk:entry-fact"/>
            <xsl:if test="note[@type = 'attestation']/ref">
              <dt>{tk:label('attested-in')}</dt>
              <dd>
                <xsl:for-each select="note[@type = 'attestation']/ref">
                  <xsl:if test="position() gt 1">; </xsl:if>
                  <xsl:call-template name="tk:document-link">
                    <xsl:with-param name="stem" select="tk:file-stem(@target)"/>
                    <xsl:with-param name="text" select="normalize-space()"/>
                  </xsl:call-template>
                </xsl:for-each>
              </dd>
            </xsl:if>
          </dl>
          <section aria-labelledby="mentions-heading">
            <h2 id="mentions-heading">{tk:label('mentions')} ({count($found)})</h2>
            <xsl:if test="empty($found)">
              <p>{tk:label('no-mentions')}</p>
            </xsl:if>
            <xsl:for-each-group select="$found" group-by="generate-id(..)">
              <xsl:variable name="here" select="current-group()"/>
              <xsl:for-each select="..">
                <h3>
                  <a href="{tk:href('../' || tk:path-segment(@stem) || $page-extension)}">{@title}</a>
                  <xsl:if test="string(@date)">
                    <span class="hint"> ({@date})</span>
                  </xsl:if>
                </h3>
                <ul class="mentions">
                  <xsl:apply-templates select="$here" mode="tk:mention"/>
                </ul>
              </xsl:for-each>
            </xsl:for-each-group>
          </section>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- An alias's page: its names, and a link to the entry it stands for (pointers to it stay valid). -->
  <xsl:template match="*" mode="tk:alias-page">
    <xsl:param name="folder" as="xs:string"/>
    <xsl:param name="target" as="element()?"/>
    <xsl:variable name="name" select="tk:entry-name(.)"/>
    <xsl:call-template name="tk:register-frame">
      <xsl:with-param name="title" select="$name || ' — ' || tk:label($folder)"/>
      <xsl:with-param name="main">
          <p class="kicker"><a href="{tk:href('index' || $page-extension)}">{tk:label($folder)}</a></p>
          <h1>{$name}</h1>
          <xsl:if test="exists(tk:entry-variants(.))">
            <p>{tk:label('also-written')} {string-join(tk:entry-variants(.), '; ')}</p>
          </xsl:if>
          <xsl:for-each select="$target">
            <p>{tk:label('see')} <a href="{tk:href(tk:path-segment(@xml:id) || $page-extension)}">{tk:entry-name(.)}</a></p>
          </xsl:for-each>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="place" mode="tk:entry-within">
    <dt>{tk:label('part-of')}</dt>
    <dd><a href="{tk:href(tk:path-segment(@xml:id) || $page-extension)}">{tk:entry-name(.)}</a></dd>
  </xsl:template>

  <xsl:template match="idno" mode="tk:entry-fact">
    <li>
      <xsl:choose>
        <xsl:when test="@type = 'geonames' and matches(., '^\d+$')">GeoNames <a href="{tk:href('https://www.geonames.org/' || .)}">{.}</a></xsl:when>
        <xsl:when test="matches(tk:href(.), '^https?://')"><a href="{tk:href(.)}">{.}</a></xsl:when>
        <xsl:otherwise>{@type} {normalize-space()}</xsl:otherwise>
      </xsl:choose>
    </li>
  </xsl:template>

  <xsl:template match="geo" mode="tk:entry-fact">
    <xsl:variable name="at" select="tokenize(normalize-space())"/>
    <dt>{tk:label('coordinates')}</dt>
    <dd>
      <a href="{tk:href('https://www.openstreetmap.org/?mlat=' || encode-for-uri($at[1]) || '&amp;mlon=' || encode-for-uri($at[2]) || '#map=10/' || encode-for-uri($at[1]) || '/' || encode-for-uri($at[2]))}">{string-join($at, ', ')}</a>
    </dd>
  </xsl:template>

  <!-- A link to a document's page, with its title, when the edition has it; else its name as given. -->
  <xsl:template name="tk:document-link">
    <xsl:param name="stem" as="xs:string"/>
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="by-stem" as="map(xs:string, element(d:digest))" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="map:contains($by-stem, $stem)"><a href="{tk:href('../' || tk:path-segment($stem) || $page-extension)}">{$by-stem($stem)/@title}</a></xsl:when>
      <xsl:otherwise>{$text}</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- One mention (a d:m of a digest): a link to the turn, paragraph or participant entry, and where
       it stands; a name in the text shows in its context. -->
  <xsl:template match="d:m[@kind = 'participant']" mode="tk:mention">
    <li>
      <a href="{tk:href('../' || tk:path-segment(../@stem) || $page-extension || '#' || @anchor)}">{tk:label('participant')}</a>
      <xsl:if test="string(@occupation)">, {@occupation}</xsl:if>
      <xsl:if test="tk:roles(@role)"> ({tk:roles(@role)})</xsl:if>
    </li>
  </xsl:template>

  <xsl:template match="d:m[@kind = 'turn']" mode="tk:mention">
    <li>
      <a href="{tk:href('../' || tk:path-segment(../@stem) || $page-extension || '#' || @anchor)}">{tk:label('turn')} {@n}</a>: “{@label}”
    </li>
  </xsl:template>

  <xsl:template match="d:m" mode="tk:mention">
    <li>
      <span class="kwic">
        <xsl:value-of select="d:before"/>
        <xsl:if test="string(d:before)"><xsl:text> </xsl:text></xsl:if>
        <a href="{tk:href('../' || tk:path-segment(../@stem) || $page-extension || @anchor[string()] ! ('#' || .))}"><mark>{d:words}</mark></a>
        <xsl:if test="string(d:after) and not(matches(d:after, '^\p{P}'))"><xsl:text> </xsl:text></xsl:if>
        <xsl:value-of select="d:after"/>
      </span>
      <span class="where">
        <xsl:choose>
          <xsl:when test="@where = 'turn'"> — {tk:label('turn')} {@n}, {@speaker}</xsl:when>
          <xsl:when test="@where = 'paragraph'"> — {tk:label('paragraph')} {@n}</xsl:when>
          <xsl:when test="string(@where)"> — {tk:label(@where)}</xsl:when>
        </xsl:choose>
      </span>
    </li>
  </xsl:template>

</xsl:stylesheet>
