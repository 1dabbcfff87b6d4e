using System.Text;

namespace Contracts.Schema
{
    /// <summary>How schema names become C# identifiers (shared by the generator and the collision check).</summary>
    public static class CSharpNames
    {
        /// <summary>
        /// PascalCase of a schema name: separators (<c>_</c>, <c>-</c>, <c>.</c>, space) are dropped and the letter after
        /// each is upper-cased; the first letter is upper-cased. <c>order_id</c> and <c>orderId</c> both give <c>OrderId</c>.
        /// A name without lower-case letters (<c>PAYMENT_FAILED</c>, <c>EMAIL</c>, <c>ID</c>) is read as upper-case words:
        /// <c>PaymentFailed</c>, <c>Email</c>, <c>Id</c>.
        /// </summary>
        public static string ToPascalCase(string name)
        {
            var shouting = true;
            foreach (var c in name)
            {
                if (char.IsLower(c))
                {
                    shouting = false;
                    break;
                }
            }
            var builder = new StringBuilder(name.Length);
            var upper = true;
            foreach (var c in name)
            {
                if (c == '_' || c == '-' || c == '.' || c == ' ')
                {
                    upper = true;
                    continue;
                }
                builder.Append(upper ? char.ToUpperInvariant(c) : shouting ? char.ToLowerInvariant(c) : c);
                upper = false;
            }
            if (builder.Length == 0) return "_";
            if (char.IsDigit(builder[0])) builder.Insert(0, '_');
            return builder.ToString();
        }
    }
}
