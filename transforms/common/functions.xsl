<?xml version="1.0" encoding="UTF-8"?>
<!-- SPDX-License-Identifier: MIT -->
<!--
  Shared keys and functions: resolving pointers to participants, speaker names, turn ids, and the
  document facts (title, date, type, archive reference, translators) every output shows.
  Imports params.xsl and labels.xsl, so an entry point imports this module to get all of common/.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tk="urn:x-teikit:xslt"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:d="urn:x-teikit:digest"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:import href="params.xsl"/>
  <xsl:import href="labels.xsl"/>

  <!-- The TEI element of a document; a dynamic error (hence a RenderError) if there is none. -->
  <xsl:function name="tk:tei" as="element(TEI)">
    <xsl:param name="document" as="document-node()"/>
    <xsl:sequence select="($document/TEI, error(QName('urn:x-teikit:xslt', 'not-tei'),
        'not a TEI P5 document: ' || document-uri($document) || ' has root element ' || name($document/*)
        || ', not TEI in the TEI namespace'))[1]"/>
  </xsl:function>

  <!-- The digest element of a document; a dynamic error (hence a RenderError) if there is none. -->
  <xsl:function name="tk:digest" as="element(d:digest)">
    <xsl:param name="document" as="document-node()"/>
    <xsl:sequence select="($document/d:digest, error(QName('urn:x-teikit:xslt', 'not-a-digest'),
        document-uri($document) || ' is no digest (transforms/common/digest.xsl makes them)'))[1]"/>
  </xsl:function>

  <!-- Elements by xml:id (register entries, in their register). -->
  <xsl:key name="tk:id" match="*[@xml:id]" use="@xml:id"/>

  <!-- Participants by xml:id. -->
  <xsl:key name="tk:person" match="particDesc//person" use="@xml:id"/>

  <!-- The local id a pointer names: "#zhou-enlai" and "per:zhou-enlai" both give "zhou-enlai". -->
  <xsl:function name="tk:local-id" as="xs:string?">
    <xsl:param name="pointer" as="xs:string?"/>
    <xsl:sequence select="replace(normalize-space($pointer), '^#|^[A-Za-z][\w.-]*:', '')[.]"/>
  </xsl:function>

  <!-- The particDesc person one pointer (the first token of $pointers) names, if any. -->
  <xsl:function name="tk:person" as="element(person)?">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="pointers" as="xs:string?"/>
    <xsl:variable name="id" select="tk:local-id(tokenize($pointers)[1])"/>
    <xsl:sequence select="if ($id) then key('tk:person', $id, root($context))[1] else ()"/>
  </xsl:function>

  <!-- A person's display name: the first persName that is not a variant. -->
  <xsl:function name="tk:person-name" as="xs:string">
    <xsl:param name="person" as="element(person)"/>
    <xsl:sequence select="normalize-space(($person/persName[not(@type = 'variant')], $person/persName, $person/@xml:id)[1])"/>
  </xsl:function>

  <!-- The other forms of a person's name, as written, without repeats. -->
  <xsl:function name="tk:person-variants" as="xs:string*">
    <xsl:param name="person" as="element(person)"/>
    <xsl:sequence select="distinct-values($person/persName ! normalize-space())[. ne tk:person-name($person)]"/>
  </xsl:function>

  <!-- The HTML id of a participant's entry in the participants panel. -->
  <xsl:function name="tk:person-anchor" as="xs:string">
    <xsl:param name="person" as="element(person)"/>
    <xsl:sequence select="'person-' || $person/@xml:id"/>
  </xsl:function>

  <!-- The people a turn's @who names, in order; empty if any of them is not in particDesc. -->
  <xsl:function name="tk:speakers" as="element(person)*">
    <xsl:param name="sp" as="element(sp)"/>
    <xsl:variable name="tokens" select="tokenize($sp/@who)"/>
    <xsl:variable name="people" select="$tokens ! tk:person($sp, .)"/>
    <xsl:sequence select="if (count($people) eq count($tokens)) then $people else ()"/>
  </xsl:function>

  <!-- The speaker label as the transcript writes it, without its closing colon. -->
  <xsl:function name="tk:speaker-label" as="xs:string">
    <xsl:param name="sp" as="element(sp)"/>
    <xsl:sequence select="replace(normalize-space(string-join($sp/speaker)), '\s*:$', '')"/>
  </xsl:function>

  <!-- Who speaks: the participants' names from particDesc, else the speaker label. -->
  <xsl:function name="tk:speaker-name" as="xs:string">
    <xsl:param name="sp" as="element(sp)"/>
    <xsl:variable name="people" select="tk:speakers($sp)"/>
    <xsl:sequence select="if (exists($people)) then tk:join-names($people ! tk:person-name(.))
        else tk:speaker-label($sp)"/>
  </xsl:function>

  <!-- A stable id for a turn: its xml:id, else "turn-N" counting turns in the document. -->
  <xsl:function name="tk:turn-id" as="xs:string">
    <xsl:param name="sp" as="element(sp)"/>
    <xsl:sequence select="string(($sp/@xml:id, 'turn-' || count($sp/preceding::sp) + 1)[1])"/>
  </xsl:function>

  <!-- A paragraph's HTML id: its xml:id, else "p-" and its position among the paragraphs of the text. -->
  <xsl:function name="tk:paragraph-id" as="xs:string">
    <xsl:param name="p" as="element(p)"/>
    <xsl:sequence select="string(($p/@xml:id, 'p-' || count($p/(preceding::p | ancestor::p)[ancestor::text]) + 1)[1])"/>
  </xsl:function>

  <!-- $base-url ending in "/", or "" when it is unset. -->
  <xsl:variable name="tk:base" as="xs:string"
      select="if (normalize-space($base-url) = '') then '' else replace(normalize-space($base-url), '([^/])$', '$1/')"/>

  <!-- The URL of the page of the document `$tei`: absolute when $base-url is set, else relative. -->
  <xsl:function name="tk:page-url" as="xs:string">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:sequence select="$tk:base || tk:path-segment(tk:stem($tei)) || $page-extension"/>
  </xsl:function>

  <!-- The page numbers (pb/@n) a passage stands on: the last numbered break before it, then every
       numbered break inside it; () when the source gives no page numbers there. -->
  <xsl:function name="tk:pages" as="xs:string*">
    <xsl:param name="node" as="element()"/>
    <xsl:sequence select="(tk:page-before(root($node))(generate-id($node)),
        $node//pb[normalize-space(@n)] ! normalize-space(@n))"/>
  </xsl:function>

  <!-- For each turn and paragraph of the text of `$root` (by generate-id), the number of the last
       numbered page break before it: one pass over the document, made once (cache), where asking the
       preceding axis of every passage costs time in the square of the text's length. -->
  <xsl:function name="tk:page-before" as="map(xs:string, xs:string)" cache="yes">
    <xsl:param name="root" as="node()"/>
    <xsl:iterate select="$root//text//(sp | p | pb[normalize-space(@n)])">
      <xsl:param name="page" as="xs:string?" select="()"/>
      <xsl:param name="found" as="map(xs:string, xs:string)" select="map {}"/>
      <xsl:on-completion select="$found"/>
      <xsl:choose>
        <xsl:when test="self::pb">
          <xsl:next-iteration>
            <xsl:with-param name="page" select="normalize-space(@n)"/>
          </xsl:next-iteration>
        </xsl:when>
        <xsl:when test="exists($page)">
          <xsl:next-iteration>
            <xsl:with-param name="found" select="map:put($found, generate-id(.), $page)"/>
          </xsl:next-iteration>
        </xsl:when>
      </xsl:choose>
    </xsl:iterate>
  </xsl:function>

  <!-- Pages as a citation reads them: "p. 3", "pp. 3–4"; "" for none. -->
  <xsl:function name="tk:pages-cited" as="xs:string">
    <xsl:param name="pages" as="xs:string*"/>
    <xsl:sequence select="if (empty($pages)) then '' else if (count($pages) eq 1) then 'p. ' || $pages
        else 'pp. ' || $pages[1] || '–' || $pages[last()]"/>
  </xsl:function>

  <!-- True when `$url` is on a host that names itself a test or staging copy (a label containing
       "test", "staging", "sandbox" or "preview", or one that is "dev", "qa", "uat" or "stage"):
       such an address is no lasting record, and the page shows it as text, never as a link. -->
  <xsl:function name="tk:is-staging" as="xs:boolean">
    <xsl:param name="url" as="xs:string?"/>
    <xsl:variable name="host" select="lower-case(replace(tk:url-as-read($url), '^[A-Za-z][A-Za-z0-9+.\-]*://([^/:?#@]*@)?([^/:?#]*).*$', '$2'))"/>
    <xsl:sequence select="matches(tk:url-as-read($url), '^[A-Za-z][A-Za-z0-9+.\-]*://')
        and (some $label in tokenize($host, '\.') satisfies
          (matches($label, 'test|staging|sandbox|preview') or $label = ('dev', 'qa', 'uat', 'stage')))"/>
  </xsl:function>

  <!-- True for a stage direction that stands as a block of its own (between turns or paragraphs). -->
  <xsl:function name="tk:is-block-stage" as="xs:boolean">
    <xsl:param name="stage" as="element(stage)"/>
    <xsl:sequence select="exists($stage/parent::*[self::div or self::sp or self::body or self::back])"/>
  </xsl:function>

  <!-- A block stage direction's HTML id: "stage-" and its position among them. -->
  <xsl:function name="tk:stage-id" as="xs:string">
    <xsl:param name="stage" as="element(stage)"/>
    <xsl:sequence select="'stage-' || count($stage/preceding::stage[tk:is-block-stage(.)]) + 1"/>
  </xsl:function>

  <!-- Where on its document's page a link to `$node` lands: its turn, else its paragraph or stage
       direction, else (for a participant) the participants panel; () when it stands elsewhere. -->
  <xsl:function name="tk:anchor" as="xs:string?">
    <xsl:param name="node" as="element()"/>
    <xsl:variable name="sp" select="$node/ancestor-or-self::sp[1]"/>
    <xsl:variable name="p" select="$node/ancestor-or-self::p[ancestor::text][1]"/>
    <xsl:variable name="stage" select="$node/ancestor-or-self::stage[tk:is-block-stage(.)][1]"/>
    <xsl:sequence select="if ($sp) then tk:turn-id($sp) else if ($p) then tk:paragraph-id($p)
        else if ($stage) then tk:stage-id($stage)
        else if ($node/self::person) then tk:person-anchor($node) else ()"/>
  </xsl:function>

  <!-- Register folders by pointer prefix: `teikit build` writes each entry's page to
       <folder>/<id> + $page-extension. -->
  <xsl:variable name="tk:register-folders" as="map(xs:string, xs:string)"
      select="map {'per': 'persons', 'pla': 'places', 'org': 'orgs'}"/>

  <!-- The register pointers ("per:x", "pla:y") an element stands for: the tokens of its @sameAs,
       else of its @ref or @who, where "#id" is read through the participant it names. -->
  <xsl:function name="tk:register-pointers" as="xs:string*">
    <xsl:param name="node" as="element()"/>
    <xsl:sequence select="distinct-values(
        for $token in tokenize(($node/@sameAs, $node/@ref, $node/@who)[1])
        return if (starts-with($token, '#'))
          then key('tk:person', substring($token, 2), root($node))/tokenize(@sameAs)
          else $token)[substring-before(., ':') = map:keys($tk:register-folders)]"/>
  </xsl:function>

  <!-- The page of the register entry `$pointer` names, relative to the site's root. -->
  <xsl:function name="tk:register-page" as="xs:string">
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:sequence select="$tk:register-folders(substring-before($pointer, ':')) || '/'
        || tk:path-segment(substring-after($pointer, ':')) || $page-extension"/>
  </xsl:function>

  <!-- The register entry `$pointer` names, read through the prefix its document declares
       (listPrefixDef), when the register file is at hand and has the entry; else (). -->
  <xsl:function name="tk:register-entry" as="element()?">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:variable name="def" select="(root($context)//prefixDef[@ident = substring-before($pointer, ':')])[1]"/>
    <xsl:variable name="local" select="substring-after($pointer, ':')"/>
    <xsl:variable name="target" select="$def[matches($local, '^' || @matchPattern || '$')]
        ! replace($local, '^' || @matchPattern || '$', @replacementPattern)"/>
    <!-- Only a register beside the document is read: a target with a scheme (http:, file:…) or a
         host ("//host/…") is never fetched, whatever the document declares. -->
    <xsl:variable name="uri" select="$target[empty(tk:scheme(.)) and not(starts-with(., '//'))]
        ! resolve-uri(substring-before(. || '#', '#'), base-uri($context))"/>
    <xsl:sequence select="$uri ! tk:entry-in(string(.), substring-after($target, '#'))"/>
  </xsl:function>

  <!-- The element with xml:id `$id` in the register at `$uri`, if the file is there; computed
       once per pair (a page asks for the same entries again and again). -->
  <xsl:function name="tk:entry-in" as="element()?" cache="yes">
    <xsl:param name="uri" as="xs:string"/>
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="if (doc-available($uri)) then key('tk:id', $id, doc($uri))[1] else ()"/>
  </xsl:function>

  <!-- The page of a register entry as a link from a page in the site's root, when the build
       publishes register pages ($register-links) and the register has the entry. -->
  <xsl:function name="tk:register-link" as="xs:string?">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="pointers" as="xs:string*"/>
    <xsl:sequence select="if ($register-links)
        then ($pointers[exists(tk:register-entry($context, .))] ! tk:register-page(.))[1] else ()"/>
  </xsl:function>

  <!-- The file name of the document without its extension, else its xml:id. -->
  <xsl:function name="tk:stem" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="uri" select="(document-uri(root($node)), base-uri(root($node)))[1]"/>
    <xsl:sequence select="(tk:file-stem(string($uri))[.], string(root($node)/TEI/@xml:id))[1]"/>
  </xsl:function>

  <!-- The last step of a path or URI without its extension: "../wcda-1.xml" gives "wcda-1". -->
  <xsl:function name="tk:file-stem" as="xs:string">
    <xsl:param name="uri" as="xs:string"/>
    <xsl:sequence select="replace(tokenize($uri, '/')[last()], '\.[^.]*$', '')"/>
  </xsl:function>

  <!-- Every URL the pages link to goes through tk:href (a test checks each href in transforms/):
       what a browser would read as a link that runs script or leaves the web (javascript:, data:,
       vbscript:, file:, any scheme but these) is never written, whatever the input holds. -->
  <xsl:variable name="tk:safe-schemes" as="xs:string+" select="'http', 'https', 'mailto'"/>

  <!-- `$url` as a browser reads it (tabs and line breaks removed, controls and spaces trimmed at
       either end: the WHATWG URL parser does the same), when it is a relative reference or its scheme
       (in any case) is http, https or mailto; () otherwise, and the caller writes no link. -->
  <xsl:function name="tk:href" as="xs:string?">
    <xsl:param name="url" as="xs:string?"/>
    <xsl:variable name="read" select="tk:url-as-read($url)"/>
    <xsl:variable name="scheme" select="tk:scheme($read)"/>
    <xsl:sequence select="$read[empty($scheme) or $scheme = $tk:safe-schemes]"/>
  </xsl:function>

  <!-- `$url` as a browser's URL parser reads it: tabs and line breaks dropped, control characters
       and spaces trimmed at either end. -->
  <xsl:function name="tk:url-as-read" as="xs:string">
    <xsl:param name="url" as="xs:string?"/>
    <xsl:sequence select="replace(replace(string($url), '[\t\n\r]', ''), '^[\p{Cc} ]+|[\p{Cc} ]+$', '')"/>
  </xsl:function>

  <!-- The scheme of `$url` as read (tk:url-as-read), in lower case; () for a relative reference. -->
  <xsl:function name="tk:scheme" as="xs:string?">
    <xsl:param name="url" as="xs:string?"/>
    <xsl:variable name="read" select="tk:url-as-read($url)"/>
    <xsl:sequence select="if (matches($read, '^[A-Za-z][A-Za-z0-9+.\-]*:'))
        then lower-case(substring-before($read, ':')) else ()"/>
  </xsl:function>

  <!-- A path segment made from data (a file stem, an entry's id), percent-encoded, so that no
       character of it can make a scheme, a folder step, a query or a fragment of the URL. -->
  <xsl:function name="tk:path-segment" as="xs:string">
    <xsl:param name="name" as="xs:string"/>
    <xsl:sequence select="encode-for-uri($name)"/>
  </xsl:function>

  <!-- The file `$folder/$name` + $page-extension that a stylesheet writes with xsl:result-document;
       a dynamic error (a RenderError, code "unsafe-id") when `$name`, an id from the data, is no plain
       file name (letters, digits, "_", "." and "-", not starting with "." or "-"), so nothing is ever
       written outside the output folder. -->
  <xsl:function name="tk:output-file" as="xs:string">
    <xsl:param name="folder" as="xs:string"/>
    <xsl:param name="name" as="xs:string"/>
    <xsl:sequence select="if (matches($name, '^[\p{L}\p{N}_][\p{L}\p{N}_.\-]*$'))
        then $folder || '/' || $name || $page-extension
        else error(QName('urn:x-teikit:xslt', 'unsafe-id'), 'the id &quot;' || $name
          || '&quot; cannot name a page: an id is letters, digits, &quot;_&quot;, &quot;.&quot; and &quot;-&quot;, and starts with a letter or digit')"/>
  </xsl:function>

  <!-- The document's title. -->
  <xsl:function name="tk:title" as="xs:string">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:sequence select="normalize-space(($tei/teiHeader/fileDesc/titleStmt/title,
        $tei/text/front/docTitle, tk:stem($tei))[1])"/>
  </xsl:function>

  <!-- The element that dates the document (source citation, else the docDate of the front). -->
  <xsl:function name="tk:date" as="element()?">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:sequence select="($tei/teiHeader/fileDesc/sourceDesc/bibl/date, $tei/text/front/docDate)[1]"/>
  </xsl:function>

  <!-- The ISO date of the document, for sorting and machine-readable markup; "" if unknown. -->
  <xsl:function name="tk:date-iso" as="xs:string">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:sequence select="string(tk:date($tei)/(@when, @from, @notBefore)[1])"/>
  </xsl:function>

  <!-- The value of @when if HTML's <time datetime> accepts it (year, month, date, date and time). -->
  <xsl:function name="tk:html-datetime" as="xs:string?">
    <xsl:param name="when" as="xs:string?"/>
    <xsl:sequence select="$when[matches(.,
        '^\d{4,}(-\d\d(-\d\d(T\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)?)?)?)?$')]"/>
  </xsl:function>

  <!-- The document type, e.g. "record of conversation": the classification term, else the div type. -->
  <xsl:function name="tk:doc-type" as="xs:string">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:sequence select="normalize-space(($tei/teiHeader/profileDesc/textClass//term[@type = 'document-type'],
        translate($tei/text/body/div[1]/@type, '-', ' '), '')[1])"/>
  </xsl:function>

  <!-- An identifier of the source by type ("archive", "WCDA", …); "" if absent. -->
  <xsl:function name="tk:idno" as="xs:string">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:param name="type" as="xs:string"/>
    <xsl:sequence select="normalize-space($tei/teiHeader/fileDesc/sourceDesc//idno[@type = $type][1])"/>
  </xsl:function>

  <!-- The source's own address (the record URL in the citation), if any. -->
  <xsl:function name="tk:source-url" as="xs:string?">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:sequence select="$tei/teiHeader/fileDesc/sourceDesc//ref/@target[1]/string()"/>
  </xsl:function>

  <!-- How a responsibility reads as a label: "translation" gives "Translated by" (labels.xsl), else
       the statement itself with a capital. -->
  <xsl:function name="tk:resp-label" as="xs:string">
    <xsl:param name="resp" as="xs:string"/>
    <xsl:variable name="key" select="'resp:' || lower-case(normalize-space($resp))"/>
    <xsl:sequence select="if (tk:label($key) ne $key) then tk:label($key)
        else upper-case(substring(normalize-space($resp), 1, 1)) || substring(normalize-space($resp), 2)"/>
  </xsl:function>

  <!-- The plain facts both outputs list under the title, as label/value maps in display order:
       archive reference, record ids, publisher, responsibilities, original language. -->
  <xsl:function name="tk:facts" as="map(xs:string, xs:string)*">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:variable name="source" select="$tei/teiHeader/fileDesc/sourceDesc"/>
    <xsl:sequence select="map {'label': tk:label('archive'), 'value': tk:idno($tei, 'archive')}"/>
    <xsl:for-each select="$source//idno[not(@type = ('archive', 'file'))]">
      <xsl:sequence select="map {'label': tk:label('record-id'), 'value': normalize-space(@type || ' ' || .)}"/>
    </xsl:for-each>
    <xsl:sequence select="map {'label': tk:label('publisher'), 'value': normalize-space($source//publisher[1])}"/>
    <xsl:for-each-group select="$tei/teiHeader/fileDesc/titleStmt/respStmt" group-by="normalize-space(resp)">
      <xsl:sequence select="map {'label': tk:resp-label(current-grouping-key()),
          'value': tk:join-names(current-group()/(persName, name, orgName) ! normalize-space())}"/>
    </xsl:for-each-group>
    <xsl:sequence select="map {'label': tk:label('original-language'), 'value': tk:original-language($tei)}"/>
  </xsl:function>

  <!-- The language the document was written in (the one that is not the translation's). -->
  <xsl:function name="tk:original-language" as="xs:string">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:variable name="languages" select="$tei/teiHeader/profileDesc/langUsage/language"/>
    <xsl:sequence select="normalize-space(($languages[not(@ident = $tei/@xml:lang)],
        $tei/text/front/div[@type = 'original-language']/p, '')[1])"/>
  </xsl:function>

  <!-- Everyone in particDesc, in document order. -->
  <xsl:function name="tk:participants" as="element(person)*">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:sequence select="$tei/teiHeader/profileDesc/particDesc//person"/>
  </xsl:function>

  <!-- The reading of an editorial choice: correction, expansion or regularisation, else the first child. -->
  <xsl:function name="tk:reading" as="element()?">
    <xsl:param name="choice" as="element(choice)"/>
    <xsl:sequence select="($choice/(corr, expan, reg), $choice/*)[1]"/>
  </xsl:function>

  <!-- True for a note an editor added (with @resp, or placed at the foot or end): it becomes an
       endnote. A note that is part of the transcript, such as a translator's or the document's own
       endnote (which carries an xml:id its references point at), stays in place. -->
  <xsl:function name="tk:is-endnote" as="xs:boolean">
    <xsl:param name="note" as="element(note)"/>
    <xsl:sequence select="exists($note/@resp) or ($note/@place = ('foot', 'bottom', 'end') and not($note/@xml:id))"/>
  </xsl:function>

  <!-- The number of an endnote, counting endnotes through the text. -->
  <xsl:function name="tk:endnote-number" as="xs:integer">
    <xsl:param name="note" as="element(note)"/>
    <xsl:sequence select="count($note/preceding::note[ancestor::text][tk:is-endnote(.)]) + 1"/>
  </xsl:function>

</xsl:stylesheet>
