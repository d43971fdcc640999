using OrleansNlp.Models;
using OrleansNlp.Tests.Infrastructure;
using OrleansNlp.Text;

namespace OrleansNlp.Tests;

/// <summary>How <see cref="TextAnalyzer"/> cuts scripts written without spaces, and which stop words it uses.</summary>
[Trait(TestCategory.Trait, TestCategory.Unit)]
public sealed class ScriptRunsTests
{
    [Fact]
    public void Chinese_IsCutIntoOverlappingBigrams()
    {
        Assert.Equal(["北京", "京是", "是中", "中国", "国的", "的首", "首都", "我"], TextAnalyzer.Words("北京是中国的首都。我"));
    }

    [Fact]
    public void Japanese_KeepsKatakanaWordsWhole_BigramsKanji_AndDropsHiragana()
    {
        Assert.Equal(["東京", "タワー", "有名", "観光", "光地"], TextAnalyzer.Words("東京タワーは有名な観光地です。"));
    }

    [Fact]
    public void Korean_KeepsTheFirstTwoSyllablesOfEachWord_UnlessTheWordIsAStopWord()
    {
        Assert.Equal(["서울", "서울", "서울", "사람"], TextAnalyzer.Words("서울은 서울에는 서울 사람들이"));
        Assert.Equal(["서울", "사람"], TextAnalyzer.ContentWords("그리고 서울은 그 사람들이", "ko"));
    }

    [Fact]
    public void Thai_IsCutIntoBigramsOfCharactersWithTheirMarks()
    {
        // ก ร+ุ ง: the vowel mark below stays with its consonant.
        Assert.Equal(["กรุ", "รุง"], TextAnalyzer.Words("กรุง"));
        Assert.Equal(["ที่"], TextAnalyzer.Words("ที่"));
    }

    [Fact]
    public void MixedScripts_SplitAtEveryScriptChange()
    {
        Assert.Equal(["ai", "使", "gpu", "서울", "café"], TextAnalyzer.Words("AIを使うGPU 서울은 café"));
    }

    [Fact]
    public void CombiningMarks_StayInsideTheWord()
    {
        // "é" written as e + U+0301, and Hindi vowel signs.
        Assert.Equal(["cafe\u0301", "नमस्ते"], TextAnalyzer.Words("CAFE\u0301! नमस्ते"));
    }

    [Fact]
    public void Analyze_CountsTheSameWordsAsContentWords_InEveryScript()
    {
        var text = string.Join(' ',
            "Der Hund spielt im Garten, und der Hund liebt die Kinder.",
            "我们爱北京。北京是中国的首都。",
            "私は東京に住んでいます。東京タワーは有名です。",
            "서울은 한국의 수도입니다. 그 도시에는 사람들이 많이 삽니다.",
            "ฉันไปกรุงเทพกับแม่ กรุงเทพสวยมาก",
            "Кошка спит на диване. الكتاب على الطاولة. Café CAFE\u0301 नमस्ते");
        foreach (var language in new string?[] { null, "de", "zh", "ja", "ko", "th", "ru", "ar" })
        {
            var words = TextAnalyzer.ContentWords(text, language).ToArray();
            var expected = words
                .GroupBy(word => word)
                .OrderByDescending(group => group.Count()).ThenBy(group => group.Key, StringComparer.Ordinal)
                .Take(TextAnalyzer.TopWordCount)
                .Select(group => new WordCount(group.Key, group.Count()));

            var analysis = TextAnalyzer.Analyze(text, language);

            Assert.Equal(words.Length, analysis.WordCount);
            Assert.Equal(expected, analysis.TopWords);
        }
    }

    [Fact]
    public void StopWords_OfAnotherLanguage_IncludeTheEnglishOnes_AndAnUnknownLanguageGetsEnglish()
    {
        var text = "Der Hund und the dog. Der Hund and the cat.";

        Assert.Equal([new WordCount("hund", 2), new WordCount("cat", 1), new WordCount("dog", 1)], TextAnalyzer.Analyze(text, "de").TopWords);
        Assert.Equal(TextAnalyzer.Analyze(text).TopWords, TextAnalyzer.Analyze(text, "xx").TopWords);
        Assert.Contains(new WordCount("der", 2), TextAnalyzer.Analyze(text).TopWords);
        Assert.True(StopWords.IsStopWord("nb", "ikke") && StopWords.IsStopWord("nn", "ikke"));
    }
}
