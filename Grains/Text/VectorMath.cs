namespace OrleansNlp.Text;

/// <summary>Small helpers on dense float vectors.</summary>
public static class VectorMath
{
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b) =>
        System.Numerics.Tensors.TensorPrimitives.Dot(a, b);

    /// <summary>Scales to unit length in place; a zero vector stays zero.</summary>
    public static float[] Normalize(float[] vector)
    {
        var norm = System.Numerics.Tensors.TensorPrimitives.Norm<float>(vector);
        if (norm > 0)
        {
            System.Numerics.Tensors.TensorPrimitives.Divide(vector, norm, vector);
        }

        return vector;
    }

    /// <summary>The normalised mean of unit vectors.</summary>
    public static float[] MeanNormalized(IEnumerable<float[]> vectors, int dimensions)
    {
        var sum = new float[dimensions];
        foreach (var vector in vectors)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(sum, vector, sum);
        }

        return Normalize(sum);
    }
}
