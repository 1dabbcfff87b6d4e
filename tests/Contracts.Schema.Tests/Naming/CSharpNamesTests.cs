namespace Contracts.Schema.Tests.Naming
{
    public class CSharpNamesTests
    {
        [Theory]
        [InlineData("orderId", "OrderId")]
        [InlineData("order_id", "OrderId")]
        [InlineData("OrderPlaced", "OrderPlaced")]
        [InlineData("PAYMENT_FAILED", "PaymentFailed")]
        [InlineData("EMAIL", "Email")]
        [InlineData("ID", "Id")]
        [InlineData("iso-country", "IsoCountry")]
        [InlineData("v2_TOTAL", "V2TOTAL")]
        [InlineData("3d", "_3d")]
        [InlineData("_", "_")]
        public void schema_names_map_to_pascal_case(string name, string expected)
            => Assert.Equal(expected, CSharpNames.ToPascalCase(name));
    }
}
