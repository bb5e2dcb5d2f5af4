<?xml version="1.0" encoding="UTF-8"?>
<!-- SPDX-License-Identifier: MIT -->
<!--
  Editorial and transcriptional markup: supplied, choice (with the reading/diplomatic switch),
  note (inline, or as an endnote when an editor added it), stage, pb, lb, hi, seg; every
  intervention (supplied, corr/expan/reg, sic, unclear, gap) marked, with its source form.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tk="urn:x-teikit:xslt"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- Every editorial intervention is marked in the same way (class "ed"): the text as the edition
       gives it, then a note saying what was done and what the source has. The note is text for
       assistive technology, a tooltip on hover and on keyboard focus (the mark is focusable unless a
       link around it already is: links may hold nothing focusable), and in print a bracket inline. -->
  <xsl:template name="tk:intervention">
    <xsl:param name="class" as="xs:string"/>
    <xsl:param name="note" as="xs:string"/>
    <xsl:param name="shown" as="item()*">
      <xsl:apply-templates/>
    </xsl:param>
    <span class="{$class} ed">
      <xsl:if test="not(tk:in-link(.))">
        <xsl:attribute name="tabindex">0</xsl:attribute>
      </xsl:if>
      <xsl:sequence select="$shown"/>
      <span class="ed-note"> [{$note}]</span>
    </span>
  </xsl:template>

  <!-- Who is responsible for an intervention: the names its @resp points to, or $default. -->
  <xsl:function name="tk:ed-who" as="xs:string">
    <xsl:param name="node" as="element()"/>
    <xsl:param name="default" as="xs:string"/>
    <xsl:variable name="names" select="for $ref in tokenize($node/@resp)
        return (root($node)//*[@xml:id = substring-after($ref, '#')]
                ! normalize-space((label, persName, name, .)[1]), substring-after($ref, '#'), $ref)[. ne ''][1]"/>
    <xsl:sequence select="if (exists($names)) then tk:join-names($names) else $default"/>
  </xsl:function>

  <!-- " by X" when the intervention names who made it, "" otherwise. -->
  <xsl:function name="tk:ed-by" as="xs:string">
    <xsl:param name="node" as="element()"/>
    <xsl:sequence select="if ($node/@resp) then ' ' || tk:label('ed-by') || ' ' || tk:ed-who($node, '') else ''"/>
  </xsl:function>

  <!-- The translator's additions keep their brackets (they are characters of the source). -->
  <xsl:template match="supplied">
    <xsl:call-template name="tk:intervention">
      <xsl:with-param name="class" select="'supplied'"/>
      <xsl:with-param name="note" select="tk:label('supplied') || ' ' || tk:label('ed-by') || ' '
          || tk:ed-who(., tk:label('the-translator')) || (@reason ! (': ' || tk:label('reason:' || .)))"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Both sides of a choice; the view switch shows one of them. -->
  <xsl:template match="choice">
    <span class="choice">
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template match="choice/sic | choice/abbr | choice/orig">
    <span class="diplomatic {local-name()}">
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- The reading side names the source form it replaces: "expanded from “c.”". -->
  <xsl:template match="choice/corr | choice/expan | choice/reg">
    <xsl:variable name="source" select="../(sic | abbr | orig)[1]"/>
    <xsl:call-template name="tk:intervention">
      <xsl:with-param name="class" select="'reading ' || local-name()"/>
      <xsl:with-param name="note" select="tk:label('ed:' || local-name()) || tk:ed-by(.)
          || ($source ! (' ' || tk:label('ed-from') || ' “' || normalize-space(.) || '”'))"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A form kept as the source has it, without a correction offered. -->
  <xsl:template match="sic">
    <xsl:call-template name="tk:intervention">
      <xsl:with-param name="class" select="'sic'"/>
      <xsl:with-param name="note" select="tk:label('ed:sic')"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Text the source does not make out with certainty. -->
  <xsl:template match="unclear">
    <xsl:call-template name="tk:intervention">
      <xsl:with-param name="class" select="'unclear'"/>
      <xsl:with-param name="note" select="string-join((tk:label('ed:unclear') || tk:ed-by(.),
          @reason ! tk:label('reason:' || .), @cert ! (tk:label('ed-cert') || ' ' || tk:label('cert:' || .))), ', ')"/>
    </xsl:call-template>
  </xsl:template>

  <!-- An omission: the transcript's own mark ("[illegible]", in desc) where it has one, "[…]" else. -->
  <xsl:template match="gap">
    <xsl:call-template name="tk:intervention">
      <xsl:with-param name="class" select="'gap'"/>
      <xsl:with-param name="note" select="string-join((tk:label('ed:gap') || tk:ed-by(.),
          @reason ! tk:label('reason:' || .), @quantity ! (. || (../@unit ! (' ' || .)))), ', ')"/>
      <xsl:with-param name="shown" as="item()*">
        <xsl:apply-templates select="desc/node()"/>
        <xsl:if test="not(desc)">[…]</xsl:if>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The views switch without JavaScript and are linkable: two empty targets open <main>, #reading
       and #diplomatic, so that a sibling selector can hide one view in what follows; the switch is
       two links to them. With no target the default view shows (class "default"). -->
  <xsl:template name="tk:view-inputs">
    <xsl:if test="exists(/TEI/text//choice)">
      <xsl:for-each select="'reading', 'diplomatic'">
        <span id="{.}" class="{normalize-space('view-target ' || (if (. eq $default-view) then 'default' else ''))}"/>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <xsl:template name="tk:view-switch">
    <xsl:if test="exists(/TEI/text//choice)">
      <div class="views" role="group" aria-labelledby="views-label">
        <span id="views-label">{tk:label('view')}:</span>
        <xsl:for-each select="'reading', 'diplomatic'">
          <xsl:text> </xsl:text>
          <a class="view-link to-{.}" href="#{.}">{tk:label(.)} <span class="hint">({tk:label(. || '-hint')})</span></a>
        </xsl:for-each>
      </div>
      <!-- Printed only: which view the paper shows (the view rules hide the other sentence). -->
      <p class="view-printed">
        <xsl:for-each select="'reading', 'diplomatic'">
          <span class="{.}">{tk:label('printed-view')} {lower-case(tk:label(.))} {lower-case(tk:label('view'))} ({tk:label(. || '-hint')}).</span>
        </xsl:for-each>
      </p>
    </xsl:if>
  </xsl:template>

  <!-- Style of the interventions and of the views. -->
  <xsl:variable name="tk:editorial-css" as="xs:string" expand-text="no">
.ed, .ed-sample { border-bottom: 1px dotted var(--accent); }
.ed { position: relative; }
.ed:focus { outline: 2px solid var(--accent); outline-offset: 1px; }
.supplied, .gap { color: var(--muted); }
.ed-note { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.ed:hover > .ed-note, .ed:focus > .ed-note, a:hover .ed > .ed-note, a:focus .ed > .ed-note {
  left: 0; bottom: 100%; z-index: 1; width: max-content; max-width: min(20rem, 80vw); height: auto;
  clip-path: none; white-space: normal; padding: .15rem .45rem; border-radius: .3rem;
  background: var(--ink); color: #fff; font: .8rem/1.3 system-ui, sans-serif; font-style: normal; }
.ed-key, .views { font-family: system-ui, sans-serif; font-size: .9rem; }
.ed-key { color: var(--muted); }
.views { margin: 1rem 0 .25rem; }
.views a { display: inline-block; margin: .2rem .25rem; padding: .2rem .6rem;
  border: 1px solid var(--rule); border-radius: .4rem; color: inherit; text-decoration: none; }
.hint { color: var(--muted); }
.view-target { display: block; scroll-margin-top: 0; }
.view-printed { display: none; }
#reading:target ~ * .diplomatic, #diplomatic:target ~ * .reading,
#reading:not(.default):not(:target) ~ * .reading, #diplomatic:not(.default):not(:target) ~ * .diplomatic { display: none; }
#reading:target ~ * .to-reading, #diplomatic:target ~ * .to-diplomatic,
#reading.default ~ #diplomatic:not(:target) ~ * .to-reading,
#reading:not(:target) ~ #diplomatic.default ~ * .to-diplomatic { border-color: var(--accent); font-weight: 700; }
@media print {
  .ed { border-bottom: 0; }
  .ed-note, .ed:hover > .ed-note, .ed:focus > .ed-note { position: static; width: auto; height: auto; clip-path: none;
    white-space: normal; background: none; color: var(--muted); font: inherit; font-size: .85em; padding: 0; }
  .ed-key { display: none; }
  .view-printed { display: block; font-style: italic; }
}
</xsl:variable>

  <!-- Editors' notes are endnotes (see tk:is-endnote); the transcript's own notes stay in place. -->
  <xsl:template match="note">
    <span class="{normalize-space('note ' || @type)}">
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- The document's own endnotes, written at its end: in place, as the targets of their markers. -->
  <xsl:template match="note[@xml:id][not(tk:is-endnote(.))]">
    <p class="{normalize-space('note endnote ' || @type)}" id="{@xml:id}">
      <xsl:apply-templates/>
    </p>
  </xsl:template>

  <xsl:template match="note[tk:is-endnote(.)]">
    <xsl:variable name="n" select="tk:endnote-number(.)"/>
    <a class="note-ref" id="note-ref-{$n}" href="#note-{$n}" role="doc-noteref">{$n}</a>
  </xsl:template>

  <xsl:template name="tk:endnotes">
    <!-- The key to the marks of the interventions, after the text (the text comes first). -->
    <xsl:if test="exists(/TEI/text//(choice | supplied | sic | unclear | gap))">
      <p class="ed-key"><span class="ed-sample" aria-hidden="true">abc</span> {tk:label('ed-key')}</p>
    </xsl:if>
    <xsl:variable name="notes" select="/TEI/text//note[tk:is-endnote(.)]"/>
    <xsl:if test="exists($notes)">
      <section class="notes" aria-labelledby="notes-heading" role="doc-endnotes">
        <h2 id="notes-heading">{tk:label('notes')}</h2>
        <ol>
          <xsl:for-each select="$notes">
            <li id="note-{position()}">
              <xsl:apply-templates/>
              <xsl:text> </xsl:text>
              <a href="#note-ref-{position()}" role="doc-backlink" aria-label="{tk:label('back-to-text')}">↩</a>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- Stage directions: a paragraph of their own between turns, a span inside a paragraph. -->
  <xsl:template match="stage">
    <span class="stage">
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template match="stage[tk:is-block-stage(.)]">
    <p class="stage" id="{tk:stage-id(.)}">
      <xsl:apply-templates/>
    </p>
  </xsl:template>

  <!-- A page break: its number (pb/@n) in the margin, an anchor "page-N" to cite and link to. -->
  <xsl:template match="pb">
    <span class="pb">
      <xsl:if test="normalize-space(@n)">
        <xsl:attribute name="id" select="tk:page-anchor(.)"/>
      </xsl:if>
      <span class="visually-hidden">[{tk:label('page-break')}<xsl:if test="normalize-space(@n)">, </xsl:if></span>
      <xsl:if test="normalize-space(@n)"><span class="page-number">{tk:label('page-abbr')} {normalize-space(@n)}</span></xsl:if>
      <span class="visually-hidden">]</span>
    </span>
  </xsl:template>

  <!-- The HTML id of a numbered page break: "page-" and its number made safe for an id. -->
  <xsl:function name="tk:page-anchor" as="xs:string">
    <xsl:param name="pb" as="element(pb)"/>
    <xsl:variable name="n" select="replace(normalize-space($pb/@n), '[^\p{L}\p{N}_.\-]', '-')"/>
    <xsl:sequence select="'page-' || $n || (if ($pb/preceding::pb[replace(normalize-space(@n), '[^\p{L}\p{N}_.\-]', '-') eq $n])
        then '-' || count($pb/preceding::pb) + 1 else '')"/>
  </xsl:function>

  <xsl:template match="lb">
    <br/>
  </xsl:template>

  <xsl:template match="hi">
    <xsl:variable name="rend" select="string(@rend)"/>
    <xsl:element name="{if (matches($rend, 'bold')) then 'b'
        else if (matches($rend, 'italic')) then 'i'
        else if (matches($rend, 'sup')) then 'sup'
        else if (matches($rend, 'sub')) then 'sub'
        else 'span'}">
      <xsl:attribute name="class" select="normalize-space('hi ' || $rend)"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="seg">
    <span class="{normalize-space('seg ' || @type)}">
      <xsl:apply-templates/>
    </span>
  </xsl:template>


</xsl:stylesheet>
