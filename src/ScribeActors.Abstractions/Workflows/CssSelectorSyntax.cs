using System.Globalization;

namespace ScribeActors.Abstractions;

/// <summary>
/// A syntax check of CSS selectors (a selector list of compound selectors joined by combinators: type, <c>*</c>,
/// <c>#id</c>, <c>.class</c>, <c>[attr op value i]</c>, <c>:pseudo</c>, <c>::pseudo</c> and functional pseudo-classes
/// with balanced arguments), so that a malformed selector is rejected where the spec is written. Which pseudo-classes
/// the evaluator supports is checked where it runs (the workflow grain at start, and the CLI).
/// </summary>
public static class CssSelectorSyntax
{
    /// <summary>Why <paramref name="selector"/> is not a CSS selector list; <see langword="null"/> when it is.</summary>
    public static string? Check(string selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        var reader = new Reader(selector);
        try
        {
            reader.List();
            return null;
        }
        catch (FormatException e)
        {
            return e.Message;
        }
    }

    private sealed class Reader(string text)
    {
        private int _at;

        private char Current => _at < text.Length ? text[_at] : '\0';

        private bool AtEnd => _at >= text.Length;

        public void List()
        {
            while (true)
            {
                SkipSpace();
                Complex();
                SkipSpace();
                if (AtEnd)
                {
                    return;
                }

                if (Current != ',')
                {
                    throw Error($"unexpected '{Current}'");
                }

                _at++;
            }
        }

        private void Complex()
        {
            Compound();
            while (true)
            {
                var before = _at;
                SkipSpace();
                if (AtEnd || Current is ',' or ')')
                {
                    _at = before;
                    return;
                }

                if (Current is '>' or '+' or '~')
                {
                    _at++;
                    SkipSpace();
                }
                else if (_at == before)
                {
                    throw Error($"unexpected '{Current}'");
                }

                Compound();
            }
        }

        private void Compound()
        {
            var start = _at;
            if (Current == '*')
            {
                _at++;
            }
            else if (StartsIdent())
            {
                Ident();
            }

            while (!AtEnd)
            {
                switch (Current)
                {
                    case '#':
                        _at++;
                        if (!StartsIdent())
                        {
                            throw Error("expected an id after '#' (an id that starts with a digit is written escaped, as #\\31 23 for 123)");
                        }

                        Ident();
                        continue;
                    case '.':
                        _at++;
                        if (!StartsIdent())
                        {
                            throw Error("expected a class name after '.'");
                        }

                        Ident();
                        continue;
                    case '[':
                        Attribute();
                        continue;
                    case ':':
                        Pseudo();
                        continue;
                }

                break;
            }

            if (_at == start)
            {
                throw AtEnd ? Error("expected a selector, found the end") : Error($"expected a selector, found '{Current}'");
            }
        }

        private void Attribute()
        {
            var open = _at;
            _at++;
            SkipSpace();
            if (!StartsIdent())
            {
                throw AtEnd ? ErrorAt(open, "'[' is never closed") : Error("expected an attribute name after '['");
            }

            Ident();
            SkipSpace();
            if (Current is '~' or '|' or '^' or '$' or '*')
            {
                _at++;
                if (Current != '=')
                {
                    throw Error("expected '=' in the attribute matcher");
                }
            }

            if (Current == '=')
            {
                _at++;
                SkipSpace();
                if (Current is '"' or '\'')
                {
                    String();
                }
                else if (StartsIdent())
                {
                    Ident();
                }
                else
                {
                    throw AtEnd ? ErrorAt(open, "'[' is never closed") : Error("expected a value (an identifier or a quoted string) after '='");
                }

                SkipSpace();
                if (Current is 'i' or 'I' or 's' or 'S')
                {
                    _at++;
                    SkipSpace();
                }
            }

            if (AtEnd)
            {
                throw ErrorAt(open, "'[' is never closed");
            }

            if (Current != ']')
            {
                throw Error($"expected ']', found '{Current}'");
            }

            _at++;
        }

        private void Pseudo()
        {
            _at++;
            if (Current == ':')
            {
                _at++;
            }

            if (!StartsIdent())
            {
                throw Error("expected a pseudo-class name after ':'");
            }

            Ident();
            if (Current != '(')
            {
                return;
            }

            var open = _at;
            _at++;
            var depth = 1;
            var content = false;
            while (depth > 0)
            {
                if (AtEnd)
                {
                    throw ErrorAt(open, "'(' is never closed");
                }

                switch (Current)
                {
                    case '(':
                        depth++;
                        break;
                    case ')':
                        depth--;
                        break;
                    case '"' or '\'':
                        String();
                        content = true;
                        continue;
                    case '\\':
                        _at++;
                        break;
                    case ']':
                        throw Error("unexpected ']'");
                }

                content |= depth > 0 && !char.IsWhiteSpace(Current);
                _at++;
            }

            if (!content)
            {
                throw ErrorAt(open, "empty '()' after a pseudo-class");
            }
        }

        private void String()
        {
            var quote = Current;
            var open = _at;
            _at++;
            while (!AtEnd && Current != quote)
            {
                if (Current == '\\')
                {
                    _at++;
                }

                _at++;
            }

            if (AtEnd)
            {
                throw ErrorAt(open, $"the string opened with {quote} is never closed");
            }

            _at++;
        }

        private bool StartsIdent()
        {
            var c = Current;
            if (c == '-')
            {
                var next = _at + 1 < text.Length ? text[_at + 1] : '\0';
                return next == '-' || IsNameStart(next) || next == '\\';
            }

            return IsNameStart(c) || c == '\\';
        }

        private void Ident()
        {
            if (Current == '-')
            {
                _at++;
            }

            Name();
        }

        private void Name()
        {
            var start = _at;
            while (!AtEnd && (IsNameChar(Current) || Current == '\\'))
            {
                if (Current == '\\')
                {
                    _at++;
                    if (AtEnd)
                    {
                        throw Error("a '\\' escape at the end");
                    }
                }

                _at++;
            }

            if (_at == start)
            {
                throw Error("expected a name");
            }
        }

        private void SkipSpace()
        {
            while (!AtEnd && char.IsWhiteSpace(Current))
            {
                _at++;
            }
        }

        private static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c == '_' || c > 0x7F;

        private static bool IsNameChar(char c) => IsNameStart(c) || char.IsAsciiDigit(c) || c == '-';

        private FormatException Error(string what) => ErrorAt(_at, what);

        private static FormatException ErrorAt(int at, string what) =>
            new($"{what} at character {(at + 1).ToString(CultureInfo.InvariantCulture)}.");
    }
}
