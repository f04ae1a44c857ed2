package shanzhi.wiring;

/**
 * A department's binding table: every field its store answers, wherever the field sits in the
 * schema, declared once with its kind (FieldTable). One bean per department.
 */
public interface DepartmentFields {
    void declare(FieldTable fields);
}
