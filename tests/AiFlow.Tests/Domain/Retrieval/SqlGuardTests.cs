using AiFlow.Domain.Retrieval.Sql;

namespace AiFlow.Tests.Domain.Retrieval;

public class SqlGuardTests
{
    private static readonly string[] Views = ["sql_demo_runs", "sql_demo_steps"];

    private static SqlVerdict Check(string sql) => SqlGuard.Check(sql, Views);

    private static void Refused(string sql, string reasonPart, string at)
    {
        var verdict = Check(sql);
        Assert.False(verdict.Accepted, $"accepted: {sql}");
        Assert.Contains(reasonPart, verdict.Reason, StringComparison.Ordinal);
        Assert.Equal(sql.IndexOf(at, StringComparison.Ordinal) + 1, verdict.Position);
    }

    [Theory]
    [InlineData("select count(*) as n from sql_demo_runs")]
    [InlineData("SELECT status, count(*) FROM sql_demo_runs GROUP BY status ORDER BY 2 DESC LIMIT 5;")]
    [InlineData("with recent as (select * from sql_demo_runs where created_at > now() - interval '7 days') select pipeline_key, avg(duration_ms) from recent group by 1")]
    [InlineData("select r.pipeline_key, s.node_key from sql_demo_runs r join sql_demo_steps s on s.run_id = r.run_id, sql_demo_steps t where t.run_id = r.run_id")]
    [InlineData("select extract(year from created_at), date_trunc('day', created_at)::date, cast(cost_usd as numeric(10,2)) from sql_demo_runs")]
    [InlineData("select substring(status from 1 for 3), trim(both ' ' from status) from sql_demo_runs where status is distinct from 'x'")]
    [InlineData("select * from (select status from sql_demo_runs) as s(st), lateral (select 1 from sql_demo_steps) x")]
    [InlineData("select rank() over (partition by status order by created_at), count(*) filter (where status = 'Failed') from sql_demo_runs group by status, created_at")]
    [InlineData("select * from (sql_demo_runs r join sql_demo_steps s using (run_id))")]
    [InlineData("select $$a; drop table x$$ as text, E'it\\'s; delete' as e, 'don''t; copy' as q from sql_demo_runs")]
    [InlineData("select \"status\" from sql_demo_runs -- a trailing comment; delete\n")]
    [InlineData("select 1 /* outer /* nested ; drop table x */ still comment */ from sql_demo_runs")]
    [InlineData("select * from sql_demo_runs where status in (select status from sql_demo_steps)")]
    public void A_single_read_of_the_declared_views_is_accepted(string sql)
    {
        var verdict = Check(sql);

        Assert.True(verdict.Accepted, verdict.Describe());
        Assert.False(verdict.Statement.EndsWith(';'));
    }

    [Fact]
    public void A_second_statement_after_the_semicolon_is_refused_where_it_starts() =>
        Refused("select 1 from sql_demo_runs; drop table users", "Only one statement", "drop");

    [Fact]
    public void A_statement_hidden_after_a_comment_is_still_seen() =>
        Refused("select 1 from sql_demo_runs -- harmless\n;delete from sql_demo_runs", "Only one statement", "delete");

    [Fact]
    public void A_semicolon_inside_a_dollar_quote_or_string_ends_nothing()
    {
        Assert.True(Check("select $tag$ ; $$ ; $tag$ from sql_demo_runs;").Accepted);
        Assert.True(Check("select 'a;b' from sql_demo_runs").Accepted);
    }

    [Fact]
    public void Copy_is_refused_by_name() => Refused("COPY sql_demo_runs TO '/tmp/x'", "COPY is not allowed", "COPY");

    [Fact]
    public void Pg_sleep_is_refused_naming_the_function() => Refused("select pg_sleep(10) from sql_demo_runs", "pg_sleep()", "pg_sleep");

    [Theory]
    [InlineData("select pg_read_file('/etc/passwd')", "pg_read_file", "pg_read_file()")]
    [InlineData("select set_config('role', 'postgres', true)", "set_config", "set_config()")]
    [InlineData("select lo_import('/etc/passwd')", "lo_import", "lo_import()")]
    [InlineData("select * from dblink('host=x', 'select 1') as t(a int)", "dblink", "dblink()")]
    [InlineData("select \"pg_sleep\"(1)", "\"pg_sleep\"", "pg_sleep()")]
    [InlineData("select md5(status) from sql_demo_runs", "md5", "md5()")]
    [InlineData("select * from generate_series(1, 1000000000)", "generate_series", "generate_series()")]
    [InlineData("select escape(1), range(2)", "escape", "escape()")]
    public void A_function_outside_the_allow_list_is_refused_naming_it(string sql, string at, string named) =>
        Refused(sql, $"Function {named} is not on the allow-list", at);

    [Fact]
    public void A_schema_qualified_function_is_refused() => Refused("select pg_catalog.now()", "schema-qualified", "now");

    [Theory]
    [InlineData("delete from sql_demo_runs", "DELETE is not allowed")]
    [InlineData("update sql_demo_runs set status = 'x'", "UPDATE is not allowed")]
    [InlineData("insert into sql_demo_runs values (1)", "INSERT is not allowed")]
    [InlineData("drop table sql_demo_runs", "DROP is not allowed")]
    [InlineData("begin", "BEGIN is not allowed")]
    [InlineData("set role postgres", "SET is not allowed")]
    [InlineData("do $$ begin perform 1; end $$", "DO is not allowed")]
    [InlineData("call refresh_everything()", "CALL is not allowed")]
    [InlineData("lock table sql_demo_runs", "LOCK is not allowed")]
    [InlineData("listen channel", "LISTEN is not allowed")]
    [InlineData("execute plan1", "EXECUTE is not allowed")]
    [InlineData("prepare p as select 1", "PREPARE is not allowed")]
    [InlineData("values (1)", "VALUES is not allowed")]
    public void A_statement_that_is_not_a_select_is_refused_by_its_name(string sql, string reason) =>
        Refused(sql, reason, sql[..1]);

    [Fact]
    public void A_data_modifying_cte_is_refused() =>
        Refused("with gone as (delete from sql_demo_runs returning *) select * from gone", "Writes are refused: DELETE", "delete");

    [Fact]
    public void A_write_as_the_main_statement_after_a_cte_is_refused() =>
        Refused("with x as (select 1) update sql_demo_runs set status = 'x'", "Writes are refused: UPDATE", "update");

    [Fact]
    public void Select_into_is_refused() => Refused("select * into stolen from sql_demo_runs", "SELECT INTO", "into");

    [Theory]
    [InlineData("select * from sql_demo_runs for update")]
    [InlineData("select * from sql_demo_runs for no key update")]
    [InlineData("select * from sql_demo_runs for share")]
    public void Row_locks_are_refused(string sql) => Refused(sql, "FOR UPDATE/SHARE", "for ");

    [Theory]
    [InlineData("select * from pg_catalog.pg_authid", "pg_catalog", "pg_catalog.pg_authid is schema-qualified")]
    [InlineData("select * from information_schema.tables", "information_schema", "information_schema.tables is schema-qualified")]
    [InlineData("select * from pg_class", "pg_class", "Relation pg_class is not one of the declared views")]
    [InlineData("select * from sql_demo_runs r join users u on u.id = r.run_id", "users", "Relation users is not one of the declared views")]
    [InlineData("select * from sql_demo_runs, api_keys", "api_keys", "Relation api_keys is not one of the declared views")]
    [InlineData("select * from sql_demo_runs r join sql_demo_steps s on s.run_id = r.run_id, step_runs", "step_runs", "Relation step_runs")]
    [InlineData("select * from (step_runs join sql_demo_runs using (id))", "step_runs", "Relation step_runs")]
    [InlineData("select (select count(*) from public.step_runs) from sql_demo_runs", "public", "public.step_runs is schema-qualified")]
    [InlineData("select * from \"Step_Runs\"", "\"Step_Runs\"", "Relation Step_Runs")]
    [InlineData("with pg_class as (select 1) select * from pg_class", "pg_class", "pg_ names belong to the system catalog")]
    public void Relations_other_than_the_declared_views_are_refused(string sql, string at, string reason) => Refused(sql, reason, at);

    [Fact]
    public void Table_shorthand_is_refused() => Refused("select * from (table step_runs) t", "TABLE is refused", "table");

    [Theory]
    [InlineData("select 'unterminated from sql_demo_runs", "A string is not closed", "'")]
    [InlineData("select 1 /* open /* nested */ from sql_demo_runs", "A block comment is not closed", "/*")]
    [InlineData("select $x$ never closed", "not closed", "$x$")]
    [InlineData("select count(*) from sql_demo_runs where (a = 1", "A '(' is not closed", "(a")]
    [InlineData("select * from sql_demo_runs where id = $1", "Placeholders", "$1")]
    public void Text_the_lexer_cannot_close_is_refused_where_it_starts(string sql, string reason, string at) => Refused(sql, reason, at);

    [Fact]
    public void An_empty_query_or_one_made_of_comments_is_refused()
    {
        Assert.Equal("The query is empty.", Check("  ").Reason);
        Assert.Contains("no statement", Check("-- nothing\n;").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_query_of_100_KB_is_refused_before_lexing()
    {
        var verdict = Check("select 1 " + new string(' ', 100 * 1024));

        Assert.False(verdict.Accepted);
        Assert.Contains($"at most {SqlGuard.MaxLength}", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_lexer_reads_prefixed_strings_dollar_quotes_and_quoted_names_as_postgresql_does()
    {
        var tokens = SqlLexer.Tokenize("SELECT E'a\\'b', U&\"x\"\"y\", $q$ 'z' $q$, 1.5e3, a::int -- c\n/* d /* e */ */ FROM \"T\"");

        Assert.Equal(
            ["Word:select", "String:a'b", "Punctuation:,", "QuotedName:x\"y", "Punctuation:,", "String: 'z' ", "Punctuation:,", "Number:1.5e3",
             "Punctuation:,", "Word:a", "Punctuation:::", "Word:int", "Word:from", "QuotedName:T"],
            tokens.Select(t => $"{t.Kind}:{t.Text}"));
        Assert.Equal(1, tokens[0].Position);
        Assert.Equal(8, tokens[1].Position);
    }
}
