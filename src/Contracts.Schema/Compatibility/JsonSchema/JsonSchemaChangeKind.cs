namespace Contracts.Schema.Compatibility.JsonSchema
{
    /// <summary>
    /// The kinds of difference between two JSON schemas, one per difference type of Confluent Schema
    /// Registry's JSON Schema diff (same meaning, PascalCase names), plus two of our own
    /// (<see cref="ReferenceUnresolved"/>, <see cref="ComparisonTooDeep"/>). Whether a kind is compatible
    /// depends on the <see cref="JsonSchemaPolicy"/>; see <see cref="JsonSchemaChangeKinds.IsCompatible"/>.
    /// </summary>
    public enum JsonSchemaChangeKind
    {
        /// <summary>The schema's id (<c>$id</c>, or <c>id</c> in draft 4) changed.</summary>
        IdChanged,

        /// <summary>The <c>description</c> changed.</summary>
        DescriptionChanged,

        /// <summary>The <c>title</c> changed.</summary>
        TitleChanged,

        /// <summary>The <c>default</c> value changed.</summary>
        DefaultChanged,

        /// <summary>A subschema (e.g. <c>items</c>) was added where the original had none, so fewer instances are accepted.</summary>
        SchemaAdded,

        /// <summary>A subschema (e.g. <c>items</c>) was removed, so any value is accepted there.</summary>
        SchemaRemoved,

        /// <summary><c>integer</c> became <c>number</c>.</summary>
        TypeExtended,

        /// <summary><c>number</c> became <c>integer</c>.</summary>
        TypeNarrowed,

        /// <summary>The kind of schema changed (e.g. <c>string</c> to <c>object</c>).</summary>
        TypeChanged,

        /// <summary><c>maxLength</c> was added.</summary>
        MaxLengthAdded,

        /// <summary><c>maxLength</c> was removed.</summary>
        MaxLengthRemoved,

        /// <summary><c>maxLength</c> was increased.</summary>
        MaxLengthIncreased,

        /// <summary><c>maxLength</c> was decreased.</summary>
        MaxLengthDecreased,

        /// <summary><c>minLength</c> was added.</summary>
        MinLengthAdded,

        /// <summary><c>minLength</c> was removed.</summary>
        MinLengthRemoved,

        /// <summary><c>minLength</c> was increased.</summary>
        MinLengthIncreased,

        /// <summary><c>minLength</c> was decreased.</summary>
        MinLengthDecreased,

        /// <summary><c>pattern</c> was added.</summary>
        PatternAdded,

        /// <summary><c>pattern</c> was removed.</summary>
        PatternRemoved,

        /// <summary><c>pattern</c> changed.</summary>
        PatternChanged,

        /// <summary><c>maximum</c> was added.</summary>
        MaximumAdded,

        /// <summary><c>maximum</c> was removed.</summary>
        MaximumRemoved,

        /// <summary><c>maximum</c> was increased.</summary>
        MaximumIncreased,

        /// <summary><c>maximum</c> was decreased.</summary>
        MaximumDecreased,

        /// <summary><c>minimum</c> was added.</summary>
        MinimumAdded,

        /// <summary><c>minimum</c> was removed.</summary>
        MinimumRemoved,

        /// <summary><c>minimum</c> was increased.</summary>
        MinimumIncreased,

        /// <summary><c>minimum</c> was decreased.</summary>
        MinimumDecreased,

        /// <summary><c>exclusiveMaximum</c> was added.</summary>
        ExclusiveMaximumAdded,

        /// <summary><c>exclusiveMaximum</c> was removed.</summary>
        ExclusiveMaximumRemoved,

        /// <summary><c>exclusiveMaximum</c> was increased.</summary>
        ExclusiveMaximumIncreased,

        /// <summary><c>exclusiveMaximum</c> was decreased.</summary>
        ExclusiveMaximumDecreased,

        /// <summary><c>exclusiveMinimum</c> was added.</summary>
        ExclusiveMinimumAdded,

        /// <summary><c>exclusiveMinimum</c> was removed.</summary>
        ExclusiveMinimumRemoved,

        /// <summary><c>exclusiveMinimum</c> was increased.</summary>
        ExclusiveMinimumIncreased,

        /// <summary><c>exclusiveMinimum</c> was decreased.</summary>
        ExclusiveMinimumDecreased,

        /// <summary><c>multipleOf</c> was added.</summary>
        MultipleOfAdded,

        /// <summary><c>multipleOf</c> was removed.</summary>
        MultipleOfRemoved,

        /// <summary><c>multipleOf</c> became a multiple of the original value (fewer numbers accepted).</summary>
        MultipleOfExpanded,

        /// <summary><c>multipleOf</c> became a divisor of the original value (more numbers accepted).</summary>
        MultipleOfReduced,

        /// <summary><c>multipleOf</c> changed to a value that neither divides nor is a multiple of the original.</summary>
        MultipleOfChanged,

        /// <summary>An existing property became required.</summary>
        RequiredAttributeAdded,

        /// <summary>An existing property with a <c>default</c> became required.</summary>
        RequiredAttributeWithDefaultAdded,

        /// <summary>A property is no longer required.</summary>
        RequiredAttributeRemoved,

        /// <summary><c>maxProperties</c> was added.</summary>
        MaxPropertiesAdded,

        /// <summary><c>maxProperties</c> was removed.</summary>
        MaxPropertiesRemoved,

        /// <summary><c>maxProperties</c> was increased.</summary>
        MaxPropertiesIncreased,

        /// <summary><c>maxProperties</c> was decreased.</summary>
        MaxPropertiesDecreased,

        /// <summary><c>minProperties</c> was added.</summary>
        MinPropertiesAdded,

        /// <summary><c>minProperties</c> was removed.</summary>
        MinPropertiesRemoved,

        /// <summary><c>minProperties</c> was increased.</summary>
        MinPropertiesIncreased,

        /// <summary><c>minProperties</c> was decreased.</summary>
        MinPropertiesDecreased,

        /// <summary>Additional properties became allowed (<c>additionalProperties: false</c> was relaxed).</summary>
        AdditionalPropertiesAdded,

        /// <summary>Additional properties became forbidden (<c>additionalProperties: false</c>).</summary>
        AdditionalPropertiesRemoved,

        /// <summary>The <c>additionalProperties</c> schema was removed, so any additional property is accepted.</summary>
        AdditionalPropertiesExtended,

        /// <summary>An <c>additionalProperties</c> schema was added to an open content model.</summary>
        AdditionalPropertiesNarrowed,

        /// <summary>A property dependency (<c>dependencies</c>/<c>dependentRequired</c> array) was added.</summary>
        DependencyArrayAdded,

        /// <summary>A property dependency array was removed.</summary>
        DependencyArrayRemoved,

        /// <summary>A property dependency array gained names.</summary>
        DependencyArrayExtended,

        /// <summary>A property dependency array lost names.</summary>
        DependencyArrayNarrowed,

        /// <summary>A property dependency array changed.</summary>
        DependencyArrayChanged,

        /// <summary>A schema dependency (<c>dependencies</c>/<c>dependentSchemas</c> schema) was added.</summary>
        DependencySchemaAdded,

        /// <summary>A schema dependency was removed.</summary>
        DependencySchemaRemoved,

        /// <summary>A required property without default was added to an open content model.</summary>
        RequiredPropertyAddedToOpenContentModel,

        /// <summary>A required property with a default was added to an open content model.</summary>
        RequiredPropertyWithDefaultAddedToOpenContentModel,

        /// <summary>An optional property was added to an open content model (the old schema accepted any value under that name).</summary>
        OptionalPropertyAddedToOpenContentModel,

        /// <summary>A property with the empty schema (<c>true</c> or <c>{}</c>) was added to an open content model.</summary>
        PropertyWithEmptySchemaAddedToOpenContentModel,

        /// <summary>A required property without default was added to a closed or partially open content model.</summary>
        RequiredPropertyAddedToUnopenContentModel,

        /// <summary>A required property with a default was added to a closed or partially open content model.</summary>
        RequiredPropertyWithDefaultAddedToUnopenContentModel,

        /// <summary>An optional property was added to a closed or partially open content model.</summary>
        OptionalPropertyAddedToUnopenContentModel,

        /// <summary>A property was removed and the updated content model is open.</summary>
        PropertyRemovedFromOpenContentModel,

        /// <summary>A property whose schema was <c>false</c> was removed from a closed content model.</summary>
        PropertyWithFalseRemovedFromClosedContentModel,

        /// <summary>A property was removed from a closed content model.</summary>
        PropertyRemovedFromClosedContentModel,

        /// <summary>A property was removed and the partially open content model still accepts its values.</summary>
        PropertyRemovedIsCoveredByPartiallyOpenContentModel,

        /// <summary>A property was removed and the partially open content model does not accept all its values.</summary>
        PropertyRemovedNotCoveredByPartiallyOpenContentModel,

        /// <summary>A property was added whose schema accepts all values the original's partially open content model accepted.</summary>
        PropertyAddedIsCoveredByPartiallyOpenContentModel,

        /// <summary>A property was added whose schema does not accept all values the original's partially open content model accepted.</summary>
        PropertyAddedNotCoveredByPartiallyOpenContentModel,

        /// <summary>Unevaluated properties became allowed.</summary>
        UnevaluatedPropertiesAdded,

        /// <summary>Unevaluated properties became forbidden.</summary>
        UnevaluatedPropertiesRemoved,

        /// <summary>The <c>unevaluatedProperties</c> schema was relaxed.</summary>
        UnevaluatedPropertiesExtended,

        /// <summary>An <c>unevaluatedProperties</c> schema was added.</summary>
        UnevaluatedPropertiesNarrowed,

        /// <summary><c>maxItems</c> was added.</summary>
        MaxItemsAdded,

        /// <summary><c>maxItems</c> was removed.</summary>
        MaxItemsRemoved,

        /// <summary><c>maxItems</c> was increased.</summary>
        MaxItemsIncreased,

        /// <summary><c>maxItems</c> was decreased.</summary>
        MaxItemsDecreased,

        /// <summary><c>minItems</c> was added.</summary>
        MinItemsAdded,

        /// <summary><c>minItems</c> was removed.</summary>
        MinItemsRemoved,

        /// <summary><c>minItems</c> was increased.</summary>
        MinItemsIncreased,

        /// <summary><c>minItems</c> was decreased.</summary>
        MinItemsDecreased,

        /// <summary><c>maxContains</c> was added.</summary>
        MaxContainsAdded,

        /// <summary><c>maxContains</c> was removed.</summary>
        MaxContainsRemoved,

        /// <summary><c>maxContains</c> was increased.</summary>
        MaxContainsIncreased,

        /// <summary><c>maxContains</c> was decreased.</summary>
        MaxContainsDecreased,

        /// <summary><c>minContains</c> was added.</summary>
        MinContainsAdded,

        /// <summary><c>minContains</c> was removed.</summary>
        MinContainsRemoved,

        /// <summary><c>minContains</c> was increased.</summary>
        MinContainsIncreased,

        /// <summary><c>minContains</c> was decreased.</summary>
        MinContainsDecreased,

        /// <summary><c>uniqueItems: true</c> was added.</summary>
        UniqueItemsAdded,

        /// <summary><c>uniqueItems: true</c> was removed.</summary>
        UniqueItemsRemoved,

        /// <summary>Additional array items became allowed.</summary>
        AdditionalItemsAdded,

        /// <summary>Additional array items became forbidden.</summary>
        AdditionalItemsRemoved,

        /// <summary>The additional-items schema was removed, so any additional item is accepted.</summary>
        AdditionalItemsExtended,

        /// <summary>An additional-items schema was added to an open array.</summary>
        AdditionalItemsNarrowed,

        /// <summary>Unevaluated items became allowed.</summary>
        UnevaluatedItemsAdded,

        /// <summary>Unevaluated items became forbidden.</summary>
        UnevaluatedItemsRemoved,

        /// <summary>The <c>unevaluatedItems</c> schema was relaxed.</summary>
        UnevaluatedItemsExtended,

        /// <summary>An <c>unevaluatedItems</c> schema was added.</summary>
        UnevaluatedItemsNarrowed,

        /// <summary>A tuple item with a schema was added to an open array.</summary>
        ItemAddedToOpenContentModel,

        /// <summary>A tuple item with the empty schema was added to an open array.</summary>
        ItemWithEmptySchemaAddedToOpenContentModel,

        /// <summary>A tuple item was added to a closed array.</summary>
        ItemAddedToClosedContentModel,

        /// <summary>A tuple item was removed and the updated array is open.</summary>
        ItemRemovedFromOpenContentModel,

        /// <summary>A tuple item whose schema was <c>false</c> was removed from a closed array.</summary>
        ItemWithFalseRemovedFromClosedContentModel,

        /// <summary>A tuple item was removed from a closed array.</summary>
        ItemRemovedFromClosedContentModel,

        /// <summary>A tuple item was removed and the additional-items schema still accepts its values.</summary>
        ItemRemovedIsCoveredByPartiallyOpenContentModel,

        /// <summary>A tuple item was removed and the additional-items schema does not accept all its values.</summary>
        ItemRemovedNotCoveredByPartiallyOpenContentModel,

        /// <summary>A tuple item was added whose schema accepts all values the original's additional-items schema accepted.</summary>
        ItemAddedIsCoveredByPartiallyOpenContentModel,

        /// <summary>A tuple item was added whose schema does not accept all values the original's additional-items schema accepted.</summary>
        ItemAddedNotCoveredByPartiallyOpenContentModel,

        /// <summary><c>enum</c> gained values.</summary>
        EnumArrayExtended,

        /// <summary><c>enum</c> lost values.</summary>
        EnumArrayNarrowed,

        /// <summary><c>enum</c> or <c>const</c> changed in a way that is neither a pure extension nor a pure narrowing.</summary>
        EnumArrayChanged,

        /// <summary>The combination keyword changed to a more permissive one (e.g. <c>oneOf</c> to <c>anyOf</c>).</summary>
        CombinedTypeExtended,

        /// <summary>The combination keyword changed to a less permissive one (e.g. <c>anyOf</c> to <c>oneOf</c>).</summary>
        CombinedTypeChanged,

        /// <summary><c>allOf</c> gained subschemas.</summary>
        ProductTypeExtended,

        /// <summary><c>allOf</c> lost subschemas.</summary>
        ProductTypeNarrowed,

        /// <summary><c>oneOf</c>/<c>anyOf</c> (or a <c>type</c> array) gained alternatives.</summary>
        SumTypeExtended,

        /// <summary><c>oneOf</c>/<c>anyOf</c> (or a <c>type</c> array) lost alternatives.</summary>
        SumTypeNarrowed,

        /// <summary>The subschemas of <c>allOf</c>/<c>anyOf</c>/<c>oneOf</c> cannot all be matched to compatible counterparts.</summary>
        CombinedTypeSubschemasChanged,

        /// <summary>The <c>not</c> schema matches more instances, so fewer instances are accepted.</summary>
        NotTypeExtended,

        /// <summary>The <c>not</c> schema matches fewer instances, so more instances are accepted.</summary>
        NotTypeNarrowed,

        /// <summary>A <c>$ref</c> could not be resolved (not local and not given by the external resolver); Contracts-specific.</summary>
        ReferenceUnresolved,

        /// <summary>The comparison went deeper than the engine allows (a very long chain of distinct <c>$ref</c>s); Contracts-specific.</summary>
        ComparisonTooDeep,
    }
}
