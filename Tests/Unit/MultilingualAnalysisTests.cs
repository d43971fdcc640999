using OrleansNlp.Tests.Infrastructure;
using OrleansNlp.Text;

namespace OrleansNlp.Tests;

/// <summary>Real sentences in ten languages: the detector names the language, and the word statistics in that
/// language drop its stop words and rank the repeated word first.</summary>
[Trait(TestCategory.Trait, TestCategory.Unit)]
public sealed class MultilingualAnalysisTests
{
    [Theory]
    [InlineData("en", "English", "The river flows past the old mill. The river is wide and the river is calm in the summer.", "river", "the")]
    [InlineData("de", "German", "Der Hund spielt im Garten. Der Hund ist sehr freundlich, und der Hund liebt die Kinder der Nachbarn.", "hund", "der")]
    [InlineData("fr", "French", "Le chat dort sur le canapé. Le chat aime le soleil et le chat mange du poisson.", "chat", "le")]
    [InlineData("es", "Spanish", "El perro corre en el parque. El perro es muy rápido y el perro juega con los niños.", "perro", "el")]
    [InlineData("ru", "Russian", "Кошка спит на диване. Кошка любит молоко, и кошка играет на ковре с мячом.", "кошка", "на")]
    [InlineData("ar", "Arabic", "الكتاب على الطاولة في الغرفة. قرأت الكتاب في المساء، والكتاب ممتع جدا. الكتاب جديد.", "الكتاب", "في")]
    [InlineData("zh", "Chinese", "我们爱北京。北京是中国的首都。我们在北京工作。北京有很多公园。", "北京", "我们")]
    [InlineData("ja", "Japanese", "私は東京に住んでいます。私は東京が好きです。東京は大きい都市です。", "東京", "私")]
    [InlineData("ko", "Korean", "서울은 한국의 수도입니다. 그 도시에는 사람들이 많이 삽니다. 그 사람들은 서울을 좋아합니다. 서울은 아름답습니다.", "서울", "그")]
    [InlineData("th", "Thai", "ฉันไปกรุงเทพกับแม่ กรุงเทพสวยมาก ฉันชอบกรุงเทพ", "กรุ", "กับ")]
    public async Task Detect_ThenAnalyze_NamesTheLanguage_DropsItsStopWords_AndRanksTheRepeatedWordFirst(
        string code, string name, string text, string topWord, string stopWord)
    {
        var language = await SharedLanguageDetector.Instance.DetectAsync(text);

        Assert.Equal(code, language.Code);
        Assert.Equal(name, language.Name);
        Assert.InRange(language.Confidence!.Value, 0.6, 1.0);
        Assert.Equal(code, language.Candidates[0].Code);

        var analysis = TextAnalyzer.Analyze(text, language.Code);

        Assert.Equal(topWord, analysis.TopWords[0].Word);
        Assert.True(analysis.TopWords[0].Count >= 2);
        Assert.True(StopWords.IsStopWord(code, stopWord), $"'{stopWord}' should be a {name} stop word");
        Assert.Contains(stopWord, TextAnalyzer.Words(text));
        Assert.DoesNotContain(analysis.TopWords, word => word.Word == stopWord);
        Assert.DoesNotContain(stopWord, TextAnalyzer.ContentWords(text, code));
    }
}
