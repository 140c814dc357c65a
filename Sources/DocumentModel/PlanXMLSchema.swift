// Generated from docs/plan-xml.rng (a test checks they are identical): embedded so that validation works
// from any directory and with the executable alone.

/// The RELAX NG schema of plan XML (`docs/plan-xml.rng`).
enum PlanXMLSchema {
    static let relaxNG = #"""
<?xml version="1.0" encoding="UTF-8"?>
<!--
  plancheck plan XML, version 1: the RELAX NG schema the reader validates every plan XML file against.
  What each element means is in docs/plan-xml.md. The reader embeds this text (PlanXMLSchema.relaxNG);
  a test keeps the two identical.
-->
<grammar xmlns="http://relaxng.org/ns/structure/1.0"
         datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
  <start>
    <element name="plan">
      <optional><attribute name="version"><value>1</value></attribute></optional>
      <optional><attribute name="source"><text/></attribute></optional>
      <optional><element name="title"><text/></element></optional>
      <zeroOrMore><ref name="block"/></zeroOrMore>
    </element>
  </start>

  <!-- What may stand in the plan or in any division. -->
  <define name="block">
    <choice>
      <ref name="p"/>
      <ref name="noise"/>
      <ref name="indicators"/>
      <ref name="table"/>
      <ref name="division"/>
      <ref name="glossary"/>
    </choice>
  </define>

  <!-- A heading and what it governs; the element says the kind, the heading says it as printed. -->
  <define name="division">
    <element>
      <choice>
        <name>part</name>
        <name>chapter</name>
        <name>section</name>
        <name>numbered-part</name>
        <name>parenthesized</name>
        <name>item</name>
        <name>subitem</name>
        <name>dash-item</name>
        <name>box</name>
        <name>attachment</name>
      </choice>
      <ref name="division-attributes"/>
      <ref name="heading"/>
      <zeroOrMore><ref name="block"/></zeroOrMore>
    </element>
  </define>

  <define name="division-attributes">
    <optional><attribute name="number"><data type="nonNegativeInteger"/></attribute></optional>
    <optional><attribute name="id"><data type="NCName"/></attribute></optional>
  </define>

  <define name="heading">
    <element name="heading"><text/></element>
  </define>

  <define name="p">
    <element name="p"><text/></element>
  </define>

  <define name="noise">
    <element name="noise">
      <attribute name="reason">
        <choice>
          <value>page marker</value>
          <value>editorial line</value>
          <value>caption</value>
          <value>web page header</value>
          <value>web page footer</value>
          <value>repeated paragraph</value>
          <value>layout duplication</value>
          <value>unrelated trailing notice</value>
          <value>page furniture</value>
        </choice>
      </attribute>
      <text/>
    </element>
  </define>

  <!-- 名词解释: numbered entries, each a term and its explanation. -->
  <define name="glossary">
    <element name="glossary">
      <ref name="division-attributes"/>
      <ref name="heading"/>
      <zeroOrMore>
        <choice>
          <element name="entry">
            <ref name="division-attributes"/>
            <ref name="heading"/>
            <zeroOrMore><ref name="block"/></zeroOrMore>
          </element>
          <ref name="p"/>
          <ref name="noise"/>
        </choice>
      </zeroOrMore>
    </element>
  </define>

  <!-- 主要指标: one indicator per row, values exactly as the table writes them. -->
  <define name="indicators">
    <element name="indicators">
      <optional><attribute name="base-year"><ref name="year"/></attribute></optional>
      <optional><attribute name="target-year"><ref name="year"/></attribute></optional>
      <optional><element name="caption"><text/></element></optional>
      <oneOrMore><ref name="indicator"/></oneOrMore>
    </element>
  </define>

  <define name="indicator">
    <element name="indicator">
      <optional>
        <attribute name="attribute">
          <choice><value>预期性</value><value>约束性</value></choice>
        </attribute>
      </optional>
      <optional><attribute name="category"><text/></attribute></optional>
      <element name="name"><text/></element>
      <optional><element name="unit"><text/></element></optional>
      <optional>
        <element name="base">
          <optional><attribute name="year"><ref name="year"/></attribute></optional>
          <text/>
        </element>
      </optional>
      <optional>
        <element name="target">
          <optional><attribute name="year"><ref name="year"/></attribute></optional>
          <text/>
        </element>
      </optional>
      <optional>
        <element name="growth">
          <optional>
            <attribute name="cumulative"><choice><value>true</value><value>false</value></choice></attribute>
          </optional>
          <text/>
        </element>
      </optional>
    </element>
  </define>

  <!-- Any other table: each cell's text is read as a paragraph. -->
  <define name="table">
    <element name="table">
      <optional><element name="caption"><text/></element></optional>
      <oneOrMore>
        <element name="row">
          <oneOrMore>
            <element name="cell">
              <optional><attribute name="colspan"><data type="positiveInteger"/></attribute></optional>
              <optional><attribute name="rowspan"><data type="positiveInteger"/></attribute></optional>
              <text/>
            </element>
          </oneOrMore>
        </element>
      </oneOrMore>
    </element>
  </define>

  <define name="year">
    <data type="integer">
      <param name="minInclusive">1949</param>
      <param name="maxInclusive">2100</param>
    </data>
  </define>
</grammar>
"""#
}
