namespace SageBuild.Local.Ledger.Expressions;

/// <summary>Splits a DynamoDB expression into tokens.</summary>
internal static class ExpressionLexer
{
    public static List<ExpressionToken> Tokenize(string text, string expressionName)
    {
        var tokens = new List<ExpressionToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            if (char.IsAsciiLetter(c) || c == '_')
            {
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                    i++;
                tokens.Add(new(TokenKind.Identifier, text[start..i], start));
            }
            else if (c is '#' or ':')
            {
                i++;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                    i++;
                if (i == start + 1)
                    throw ExpressionParser.SyntaxError(expressionName, text, c.ToString(), start);
                tokens.Add(new(c == '#' ? TokenKind.NamePlaceholder : TokenKind.ValuePlaceholder, text[start..i], start));
            }
            else if (char.IsAsciiDigit(c))
            {
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                    i++;
                tokens.Add(new(TokenKind.Number, text[start..i], start));
            }
            else if (i + 1 < text.Length && text.Substring(i, 2) is "<>" or "<=" or ">=")
            {
                tokens.Add(new(TokenKind.Symbol, text.Substring(i, 2), start));
                i += 2;
            }
            else if ("()[],.=<>+-".Contains(c, StringComparison.Ordinal))
            {
                tokens.Add(new(TokenKind.Symbol, c.ToString(), start));
                i++;
            }
            else
            {
                throw ExpressionParser.SyntaxError(expressionName, text, c.ToString(), start);
            }
        }

        tokens.Add(new(TokenKind.End, "<EOF>", text.Length));
        return tokens;
    }
}
