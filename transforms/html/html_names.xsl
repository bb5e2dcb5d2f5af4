<?xml version="1.0" encoding="UTF-8"?>
<!-- SPDX-License-Identifier: MIT -->
<!--
  Names and dates: persName (linked to its participant entry when particDesc has the person),
  placeName, orgName, roleName, date (as <time> when @when is a date HTML understands).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tk="urn:x-teikit:xslt"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- True if an ancestor of $node is rendered as a link, so $node must not be one (links do not nest). -->
  <xsl:function name="tk:in-link" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="exists($node/ancestor::ref[exists(tk:href(@target))])
        or (some $name in $node/ancestor::*[self::persName or self::placeName or self::orgName or self::geogName]
            satisfies exists(tk:name-link($name)))"/>
  </xsl:function>

  <!-- Where a name links: to its register page (when the build publishes them), else a participant
       to the participants panel; () for no link. -->
  <xsl:function name="tk:name-link" as="xs:string?">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="person" select="$name/self::persName ! tk:person(., @ref)"/>
    <xsl:variable name="page" select="if ($name[self::persName or self::placeName or self::orgName or self::geogName])
        then tk:register-link($name, tk:register-pointers($name)) else ()"/>
    <xsl:sequence select="if (exists($page)) then $page
        else if (exists($person)) then '#' || tk:person-anchor($person) else ()"/>
  </xsl:function>

  <xsl:template match="persName | placeName | orgName | geogName">
    <xsl:variable name="href" select="tk:name-link(.)"/>
    <xsl:choose>
      <xsl:when test="exists($href) and not(tk:in-link(.))">
        <a class="{local-name()}" href="{tk:href($href)}">
          <xsl:apply-templates/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="tk:name"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A name keeps its register pointer for later linking and styling. -->
  <xsl:template match="roleName" name="tk:name">
    <span class="{local-name()}">
      <xsl:if test="@ref">
        <xsl:attribute name="data-ref" select="@ref"/>
      </xsl:if>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template match="date | time" name="tk:time">
    <xsl:variable name="datetime" select="tk:html-datetime(@when)"/>
    <xsl:choose>
      <xsl:when test="exists($datetime)">
        <time datetime="{$datetime}">
          <xsl:apply-templates/>
        </time>
      </xsl:when>
      <xsl:otherwise>
        <span class="date">
          <xsl:for-each select="@from | @to | @notBefore | @notAfter | @when">
            <xsl:attribute name="data-{lower-case(local-name())}" select="."/>
          </xsl:for-each>
          <xsl:apply-templates/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
