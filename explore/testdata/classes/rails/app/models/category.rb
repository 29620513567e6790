class Category < ApplicationRecord
  has_many :expenses
  belongs_to :parent, class_name: "Category", optional: true

  def self.default_categories
    [["Food", "#aa0000"], ["Rent", "#00aa00"], ["Travel", "#0000aa"]]
  end

  def subcategories
    Category.where(parent: self)
  end

  def category_level
    parent ? 2 : 1
  end
end
