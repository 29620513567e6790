# Assigns each new expense the most likely of the family's categories,
# from its merchant and its description.
class AutoCategorizer
  def initialize(expenses)
    @expenses = expenses
  end

  def auto_categorize
    @expenses.each do |expense|
      expense.update(category: best_match(expense))
    end
  end

  private

  def best_match(expense)
    expense.family.categories.max_by { |c| score(c, expense) }
  end

  def score(category, expense)
    category.name.downcase.split.count { |w| expense.description.downcase.include?(w) }
  end
end
