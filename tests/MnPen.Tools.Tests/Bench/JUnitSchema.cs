using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace MnPen.Tools.Tests.Bench;

/// <summary>
/// The strict JUnit XML schema (the Apache Ant JUnit format as published in the widely used JUnit.xsd that strict CI
/// parsers validate against), restated here: testsuite needs id, package, name, timestamp without zone, hostname,
/// tests, failures, errors, time; properties first, system-out and system-err last; a testcase has name, classname,
/// time and at most one failure or error.
/// </summary>
internal static class JUnitSchema
{
    private const string Xsd = """
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified">
          <xs:simpleType name="ISO8601_DATETIME_PATTERN">
            <xs:restriction base="xs:dateTime"><xs:pattern value="[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}"/></xs:restriction>
          </xs:simpleType>
          <xs:complexType name="failureType">
            <xs:simpleContent><xs:extension base="xs:string">
              <xs:attribute name="message" type="xs:string"/><xs:attribute name="type" type="xs:string" use="required"/>
            </xs:extension></xs:simpleContent>
          </xs:complexType>
          <xs:complexType name="testsuite">
            <xs:sequence>
              <xs:element name="properties"><xs:complexType><xs:sequence>
                <xs:element name="property" minOccurs="0" maxOccurs="unbounded"><xs:complexType>
                  <xs:attribute name="name" use="required"><xs:simpleType><xs:restriction base="xs:token"><xs:minLength value="1"/></xs:restriction></xs:simpleType></xs:attribute>
                  <xs:attribute name="value" type="xs:string" use="required"/>
                </xs:complexType></xs:element>
              </xs:sequence></xs:complexType></xs:element>
              <xs:element name="testcase" minOccurs="0" maxOccurs="unbounded"><xs:complexType>
                <xs:choice minOccurs="0">
                  <xs:element name="error" type="failureType"/>
                  <xs:element name="failure" type="failureType"/>
                </xs:choice>
                <xs:attribute name="name" type="xs:token" use="required"/>
                <xs:attribute name="classname" type="xs:token" use="required"/>
                <xs:attribute name="time" type="xs:decimal" use="required"/>
              </xs:complexType></xs:element>
              <xs:element name="system-out" type="xs:string"/>
              <xs:element name="system-err" type="xs:string"/>
            </xs:sequence>
            <xs:attribute name="name" type="xs:token" use="required"/>
            <xs:attribute name="timestamp" type="ISO8601_DATETIME_PATTERN" use="required"/>
            <xs:attribute name="hostname" use="required"><xs:simpleType><xs:restriction base="xs:token"><xs:minLength value="1"/></xs:restriction></xs:simpleType></xs:attribute>
            <xs:attribute name="tests" type="xs:int" use="required"/>
            <xs:attribute name="failures" type="xs:int" use="required"/>
            <xs:attribute name="errors" type="xs:int" use="required"/>
            <xs:attribute name="skipped" type="xs:int"/>
            <xs:attribute name="time" type="xs:decimal" use="required"/>
            <xs:attribute name="package" type="xs:token" use="required"/>
            <xs:attribute name="id" type="xs:int" use="required"/>
          </xs:complexType>
          <xs:element name="testsuites"><xs:complexType>
            <xs:sequence><xs:element name="testsuite" type="testsuite" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
            <xs:attribute name="name" type="xs:string"/><xs:attribute name="tests" type="xs:int"/><xs:attribute name="failures" type="xs:int"/>
            <xs:attribute name="errors" type="xs:int"/><xs:attribute name="time" type="xs:decimal"/>
          </xs:complexType></xs:element>
        </xs:schema>
        """;

    /// <summary>Throws (with every violation) unless the document is valid strict JUnit.</summary>
    public static void Validate(XDocument doc)
    {
        var set = new XmlSchemaSet();
        set.Add("", XmlReader.Create(new StringReader(Xsd)));
        var problems = new List<string>();
        doc.Validate(set, (_, e) => problems.Add(e.Message));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
