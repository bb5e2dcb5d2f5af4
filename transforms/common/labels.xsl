<?xml version="1.0" encoding="UTF-8"?>
<!-- SPDX-License-Identifier: MIT -->
<!-- The words of the interface, in one place: translate the edition by editing this map. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tk="urn:x-teikit:xslt"
    exclude-result-prefixes="#all">

  <xsl:variable name="tk:labels" as="map(xs:string, xs:string)" select="map {
      'all-documents': 'All documents',
      'attested-in': 'Attested in',
      'back': 'back matter',
      'contains': 'Contains',
      'part-of': 'Part of',
      'paragraph': 'paragraph',
      'stage': 'stage direction',
      'see': 'See',
      'authority': 'Authority records',
      'coordinates': 'Coordinates',
      'entries': 'entries',
      'indexes': 'Indexes',
      'mentions': 'Mentions',
      'name': 'Name',
      'no-mentions': 'No mention in the documents of this edition.',
      'org': 'Organisation',
      'orgs': 'Organisations',
      'person': 'Person',
      'persons': 'Persons',
      'places': 'Places',
      'roles': 'Roles and offices',
      'variants': 'Also written',
      'also-written': 'also written',
      'and': 'and',
      'archive': 'Archive',
      'back-to-text': 'Back to the text',
      'date': 'Date',
      'diplomatic': 'Diplomatic',
      'diplomatic-hint': 'as in the transcript',
      'document-type': 'Type',
      'documents': 'Documents',
      'front': 'Front matter',
      'interpreter': 'interpreter',
      'language': 'en',
      'notes': 'Notes',
      'original-language': 'Original language',
      'page-break': 'page break',
      'page-abbr': 'p.',
      'pages': 'Pages',
      'about': 'About',
      'cite-short': 'Cite',
      'contents': 'Contents',
      'sections': 'Sections',
      'turns': 'Turns',
      'sequence': 'Previous and next document',
      'previous': 'Previous',
      'next': 'Next',
      'download': 'Download',
      'reading-text': 'Reading text',
      'diplomatic-text': 'Diplomatic text',
      'corpus': 'All documents (zip)',
      'corpus-long': 'every document as TEI, reading text and diplomatic text (zip)',
      'paragraph-link': 'Link to paragraph',
      'participant': 'participant',
      'participants': 'Participants',
      'permalink': 'Link to turn',
      'place': 'Place',
      'publisher': 'Published by',
      'reading': 'Reading',
      'reading-hint': 'corrected and expanded',
      'record-id': 'Record',
      'recorder': 'recorder',
      'resp:obtained the document': 'Obtained by',
      'resp:translation': 'Translated by',
      'resp:translation commissioned by': 'Translation commissioned by',
      'setting': 'Setting',
      'skip': 'Skip to the main content',
      'source': 'Source',
      'source-record': 'Record at the archive',
      'staff': 'Staff',
      'summary': 'Summary',
      'supplied': 'supplied',
      'the-translator': 'the translator',
      'ed-by': 'by',
      'ed-from': 'from',
      'ed-cert': 'certainty',
      'ed:expan': 'expanded',
      'ed:corr': 'corrected',
      'ed:reg': 'regularised',
      'ed:sic': 'sic: so in the source',
      'ed:unclear': 'unclear in the source',
      'ed:gap': 'omission',
      'ed-key': 'Dotted underline: the editors’ interventions; hover over one or focus it (Tab) to see the source form.',
      'printed-view': 'Printed in the',
      'reason:illegible': 'illegible',
      'reason:omitted': 'omitted by the translator',
      'reason:redacted': 'redacted',
      'reason:missing': 'missing from the source',
      'reason:damage': 'damage to the source',
      'reason:cipher': 'in cipher',
      'reason:signature': 'signature',
      'reason:implied': 'implied',
      'reason:completion': 'completing a name',
      'reason:faded': 'faded',
      'reason:handwriting': 'handwriting',
      'reason:overwritten': 'overwritten',
      'cert:high': 'high',
      'cert:medium': 'medium',
      'cert:low': 'low',
      'tei-source': 'TEI source',
      'cite': 'Cite',
      'translated-by': 'translated by',
      'text': 'Text',
      'title': 'Title',
      'translation': 'Translation',
      'turn': 'Turn',
      'view': 'View'
    }"/>

  <!-- The interface word for `$key`; the key itself where the map has none. -->
  <xsl:function name="tk:label" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="($tk:labels($key), $key)[1]"/>
  </xsl:function>

  <!-- A person's roles other than "participant", as words ("interpreter and recorder"); "" if none. -->
  <xsl:function name="tk:roles" as="xs:string">
    <xsl:param name="roles" as="xs:string?"/>
    <xsl:sequence select="tk:join-names(tokenize($roles)[. ne 'participant'] ! tk:label(.))"/>
  </xsl:function>

  <!-- A list of names in prose: "A", "A and B", "A, B and C". -->
  <xsl:function name="tk:join-names" as="xs:string">
    <xsl:param name="names" as="xs:string*"/>
    <xsl:variable name="n" select="count($names)"/>
    <xsl:sequence select="if ($n le 1) then string($names[1])
        else string-join($names[position() lt $n], ', ') || ' ' || tk:label('and') || ' ' || $names[$n]"/>
  </xsl:function>

</xsl:stylesheet>
