using System.Text;

namespace Contracts.Schema
{
    /// <summary>How schema names become C# identifiers (shared by the generator and the collision check).</summary>
    public static class CSharpNames
    {
        /// <summary>
        /// PascalCase of a schema name: separators (<c>_</c>, <c>-</c>, <c>.</c>, space) are dropped and the letter after
        /// each is upper-cased; the first letter is upper-cased. <c>order_id</c> and <c>orderId</c> both give <c>OrderId</c>.
        /// </summary>
        public static string ToPascalCase(string name)
        {
            var builder = new StringBuilder(name.Length);
            var upper = true;
            foreach (var c in name)
            {
                if (c == '_' || c == '-' || c == '.' || c == ' ')
                {
                    upper = true;
                    continue;
                }
                builder.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            if (builder.Length == 0) return "_";
            if (char.IsDigit(builder[0])) builder.Insert(0, '_');
            return builder.ToString();
        }
    }
}
