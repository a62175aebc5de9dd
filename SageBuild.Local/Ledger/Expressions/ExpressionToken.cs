namespace SageBuild.Local.Ledger.Expressions;

internal enum TokenKind
{
    Identifier,
    NamePlaceholder,
    ValuePlaceholder,
    Number,
    Symbol,
    End,
}

/// <summary>One token of a DynamoDB expression, with its position for error messages.</summary>
internal readonly record struct ExpressionToken(TokenKind Kind, string Text, int Position)
{
    public bool Is(string symbol) => Kind == TokenKind.Symbol && Text == symbol;

    /// <summary>Keywords (AND, SET, BETWEEN, ...) are case-insensitive in DynamoDB expressions.</summary>
    public bool IsKeyword(string keyword) => Kind == TokenKind.Identifier && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);
}
